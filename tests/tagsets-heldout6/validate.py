import json, collections
ALLOWED={'MNF-U':{'prohibits','limits','permits','requires','adjacent'},'DMZ':{'requires','monitors','conditional'},
'territory':{'recognizes','cedes','freezes','restores','exchanges','defers','non-force','shared-control','conditional'}}
REGS={'wire','headline','legal','spoken','thinktank','tweet','translated','other'}
SRCS={'ru-ua','other-conflict','negative'}
TAGORD={'MNF-U':0,'DMZ':1,'territory':2}
ids=set(); texts=set(); n=0; errs=[]
c_src=collections.Counter(); c_reg=collections.Counter(); c_tag=collections.Counter(); c_pol=collections.Counter(); wl=[]
for ln,line in enumerate(open('/work/heldout6/items.jsonl'),1):
    o=json.loads(line); n+=1
    if set(o)!={'id','text','register','source','labels','writer'}: errs.append((ln,'keys'))
    if o['id'] in ids: errs.append((ln,'dup id'))
    ids.add(o['id'])
    t=o['text'].strip().lower()
    if t in texts: errs.append((ln,'dup text'))
    texts.add(t)
    if o['register'] not in REGS: errs.append((ln,'reg'))
    if o['source'] not in SRCS: errs.append((ln,'src'))
    if o['writer']!='heldout-6': errs.append((ln,'writer'))
    L=[(l['tag'],l['polarity']) for l in o['labels']]
    for tg,p in L:
        if tg not in ALLOWED or p not in ALLOWED[tg]: errs.append((ln,'label',tg,p))
    if L!=sorted(L,key=lambda x:(TAGORD[x[0]],x[1])): errs.append((ln,'unsorted'))
    if len(set(L))!=len(L): errs.append((ln,'dup label'))
    if (o['source']=='negative')!=(len(L)==0): errs.append((ln,'neg/labels mismatch'))
    if ('territory','conditional') in L and ('territory','recognizes') in L: errs.append((ln,'rec+cond'))
    w=len(o['text'].split()); wl.append(w)
    if not 4<=w<=70: errs.append((ln,'len',w))
    c_src[o['source']]+=1; c_reg[o['register']]+=1
    for tg,p in L: c_tag[tg]+=1; c_pol[tg+'/'+p]+=1
print('items',n,'errors',errs)
print('words min/max/mean',min(wl),max(wl),round(sum(wl)/len(wl),1))
print('source',dict(c_src)); print('register',dict(c_reg)); print('tag (items with label)',dict(c_tag))
for k in sorted(c_pol,key=lambda x:(TAGORD[x.split('/')[0]],x)): print(' ',k,c_pol[k])
