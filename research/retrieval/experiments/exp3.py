from proto import *
from exp2 import clean, ids
P=[];owner=[]
for di,d in enumerate(ds):
    for sec,p in split_passages(d):
        P.append(toks((d['title']+' ')*2+p)); owner.append(di)
print(len(P))
docs=[toks((d['title']+' ')*2+d['content']) for d in ds]
for k1,b in [(1.2,0.75),(2.0,0.9),(3.0,0.9)]:
    bp=BM25(P,k1,b); bd=BM25(docs,k1,b)
    for mode in ('max','maxdoc','sum2'):
        rls=[]
        for t in ts:
            q=collections.Counter(toks(clean(t['query'])))
            sp=bp.score(q); agg=collections.defaultdict(float); cnt=collections.defaultdict(list)
            for i,s in sp.items(): cnt[owner[i]].append(s)
            for di,l in cnt.items():
                l.sort(reverse=True)
                agg[di]=l[0] if mode!='sum2' else l[0]+0.5*(l[1] if len(l)>1 else 0)
            if mode=='maxdoc':
                sd=bd.score(q)
                mx=max(agg.values()); mxd=max(sd.values())
                agg={i:agg.get(i,0)/mx+sd.get(i,0)/mxd for i in set(agg)|set(sd)}
            rls.append([ids[i] for i,_ in sorted(agg.items(),key=lambda x:-x[1])[:10]])
        print(k1,b,mode,metrics(rls))
