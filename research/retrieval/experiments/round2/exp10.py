import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp5.py')).read().split("def segs")[0])
import numpy as np, sys
fam=lambda i:i.rsplit('_',1)[0]
fams=sorted(set(fam(i) for i in ids)); fi={f:k for k,f in enumerate(fams)}
F=np.array([fi[fam(i)] for i in ids])
first={}
for d,i in enumerate(ids):
    if fam(i) not in first or i<ids[first[fam(i)]]: first[fam(i)]=d
isov=np.zeros(len(ds)); 
for f,d in first.items(): isov[d]=1
famsize=np.bincount(F)
cache={}
def fz(q):
    if q not in cache:
        f=np.array(fused(qterms(q))); cache[q]=f/f.max()
    return cache[q]
def mk(g, agg='max', topm=3, skipgen=False):
    def rank(q):
        f=fz(q)
        if agg=='max':
            fs=np.zeros(len(fams)); np.maximum.at(fs,F,f)
        elif agg=='mean':
            fs=np.bincount(F,weights=f)/famsize
        elif agg=='topm':
            fs=np.zeros(len(fams))
            for k in range(len(fams)):
                v=np.sort(f[F==k])[::-1][:topm]; fs[k]=v.mean()
        b=fs[F]*isov
        if skipgen: b=b*np.array(['(general)' not in i for i in ids])
        s=f+g*b
        o=np.argsort(-s,kind='stable')[:10]; return [ids[i] for i in o]
    return rank
for agg in ['max','mean','topm']:
    for g in [0.1,0.2,0.3,0.5]:
        for sg in [False,True]:
            print(agg,g,sg,report(mk(g,agg,skipgen=sg)))
