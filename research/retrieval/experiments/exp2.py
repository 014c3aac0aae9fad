from proto import *
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with','playing the role of the customer']
def clean(q):
    sents=re.split(r'(?<=[.!?])\s+|\n+',q)
    return ' '.join(s for s in sents if not any(b in s.lower() for b in BOIL))
ids=[d['id'] for d in ds]
fam=[re.sub(r'_\d+$','',i) for i in ids]
docs=[toks((d['title']+' ')*2+d['content']) for d in ds]
def run(k1,b,qw,lam=0.0,prf=0,half=None):
    bm=BM25(docs,k1,b); rls=[]
    for t in ts:
        qc=collections.Counter(toks(clean(t['query'])))
        if qw=='log': q={k:1+math.log(v) for k,v in qc.items()}
        elif qw=='sqrt': q={k:math.sqrt(v) for k,v in qc.items()}
        else: q=qc
        sc=bm.score(q)
        if prf:
            top=[i for i,_ in sorted(sc.items(),key=lambda x:-x[1])[:prf]]
            exp=collections.Counter()
            for i in top:
                for tt,f in bm.docs[i].items(): exp[tt]+=f/bm.len[i]*bm.idf[tt]
            q2=dict(q)
            tot=sum(v for _,v in exp.most_common(20))
            for tt,v in exp.most_common(20): q2[tt]=q2.get(tt,0)+ 0.5*sum(q.values())*v/tot/ 5
            sc=bm.score(q2)
        if lam:
            fm=collections.defaultdict(float)
            for i,s in sc.items(): fm[fam[i]]=max(fm[fam[i]],s)
            sc={i:s+lam*fm[fam[i]] for i,s in sc.items()}
        rls.append([ids[i] for i,_ in sorted(sc.items(),key=lambda x:-x[1])[:10]])
    return metrics(rls)
for k1 in (1.2,2.0,3.0):
  for b in (0.75,0.9):
    for qw in ('raw','log','sqrt'):
      print(k1,b,qw,run(k1,b,qw))
for lam in (0.2,0.5,1.0): print('lam',lam,run(1.5,0.9,'raw',lam))
for prf in (3,5): print('prf',prf,run(1.5,0.9,'raw',0,prf))
