from proto import *
import itertools
BOIL=['playing the role','customer service representative','dump all your information','never respond as','you are now on the line','you are currently on the line','playing the role of the customer']
def clean(q,mode):
    if mode==0: return q
    sents=re.split(r'(?<=[.!?])\s+|\n+',q)
    return ' '.join(s for s in sents if not any(b in s.lower() for b in BOIL))
ids=[d['id'] for d in ds]
for st in (False,True):
  for title_w in (1,2):
    docs=[toks((d['title']+' ')*title_w+d['content'],st) for d in ds]
    for k1,b in [(1.2,0.75),(0.9,0.4),(1.5,0.9)]:
      bm=BM25(docs,k1,b)
      for mode in (0,1):
        for qsat in (False,True):
          rls=[]
          for t in ts:
            q=collections.Counter(toks(clean(t['query'],mode),st))
            if qsat: q={k:1 for k in q}
            sc=bm.score(q); rls.append([ids[i] for i,_ in sorted(sc.items(),key=lambda x:-x[1])[:10]])
          print(st,title_w,k1,b,mode,qsat,metrics(rls))
