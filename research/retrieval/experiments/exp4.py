from proto import *
import re
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with']
def clean(q):
    sents=re.split(r'(?<=[.!?])\s+|\n+',q)
    return ' '.join(s for s in sents if not any(b in s.lower() for b in BOIL))
ids=[d['id'] for d in ds]; fam=[re.sub(r'_\d+$','',i) for i in ids]
docs=[toks((d['title']+' ')*2+d['content']) for d in ds]
bm=BM25(docs,1.2,0.75)
S=[bm.score(collections.Counter(toks(clean(t['query'])))) for t in ts]
def run(decay, half=None):
    rls=[]
    for sc in S:
        cand=sorted(sc.items(),key=lambda x:-x[1])[:60]
        picked=[];cnt=collections.Counter()
        pool=dict(cand)
        while len(picked)<10 and pool:
            best=max(pool,key=lambda i: pool[i]*decay**cnt[fam[i]])
            picked.append(best);cnt[fam[best]]+=1;del pool[best]
        rls.append([ids[i] for i in picked])
    return metrics(rls)
for d in (1.0,0.9,0.8,0.7,0.5,0.3): print(d,run(d))
