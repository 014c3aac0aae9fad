from proto import *
import re
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with']
def sents(q): return [s for s in re.split(r'(?<=[.!?])\s+|\n+',q) if s.strip() and not any(b in s.lower() for b in BOIL)]
ids=[d['id'] for d in ds]
docs=[toks((d['title']+' ')*2+d['content']) for d in ds]
bm=BM25(docs,1.2,0.75)
def run(mode,alpha=1.0,minlen=3):
    rls=[]
    for t in ts:
        ss=sents(t['query'])
        full=bm.score(collections.Counter(toks(' '.join(ss))))
        agg=collections.defaultdict(float)
        mf=max(full.values())
        for i,s in full.items(): agg[i]+= s/mf if mode!='rrf' else 0
        if mode=='rrf':
            for r,(i,_) in enumerate(sorted(full.items(),key=lambda x:-x[1])): agg[i]+=1/(60+r)
        for s in ss:
            tk=toks(s)
            if len(tk)<minlen: continue
            sc=bm.score(collections.Counter(tk))
            if not sc: continue
            m=max(sc.values())
            if mode=='norm':
                for i,v in sc.items(): agg[i]+=alpha*v/m/len(ss)
            elif mode=='rrf':
                for r,(i,_) in enumerate(sorted(sc.items(),key=lambda x:-x[1])): agg[i]+=alpha/(60+r)/len(ss)
            elif mode=='top':
                for r,(i,_) in enumerate(sorted(sc.items(),key=lambda x:-x[1])[:3]): agg[i]+=alpha/(1+r)
        rls.append([ids[i] for i,_ in sorted(agg.items(),key=lambda x:-x[1])[:10]])
    return metrics(rls)
print('base',run('norm',0))
for a in (0.5,1,2,4): print('norm',a,run('norm',a))
for a in (0.5,1,2): print('rrf',a,run('rrf',a))
for a in (0.05,0.1,0.2): print('top',a,run('top',a))
