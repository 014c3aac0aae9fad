from proto import *
import numpy as np, re
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with']
def clean(q):
    sents=re.split(r'(?<=[.!?])\s+|\n+',q)
    return ' '.join(s for s in sents if not any(b in s.lower() for b in BOIL))
ids=[d['id'] for d in ds]
owner=[di for di,d in enumerate(ds) for _ in split_passages(d)]
owner=np.array(owner)
pe=np.load('pe.npy'); import os; de=np.load('de.npy') if os.path.exists('de.npy') else None; qe=np.load('qe.npy'); qce=np.load('qce.npy'); qci=np.load('qci.npy')
# BM25 prototype (passage max + doc, normalised) for hybrid
P=[toks((d['title']+' ')*2+p) for d in ds for s,p in split_passages(d)]
docs=[toks((d['title']+' ')*2+d['content']) for d in ds]
bp=BM25(P); bd=BM25(docs)
def bm25_doc(q):
    qc=collections.Counter(toks(clean(q)))
    sp=bp.score(qc); sd=bd.score(qc)
    ps=np.zeros(len(P)); 
    for i,v in sp.items(): ps[i]=v
    dsc=np.zeros(len(ds))
    for i,v in sd.items(): dsc[i]=v
    agg=np.zeros(len(ds)); np.maximum.at(agg,owner,ps/ps.max())
    return agg+dsc/dsc.max()
B=[bm25_doc(t['query']) for t in ts]
def dense_doc(i,mode):
    if mode=='pmax':
        s=pe@qe[i]; agg=np.full(len(ds),-1.0); np.maximum.at(agg,owner,s); return agg
    if mode=='doc': return de@qe[i]
    if mode=='both':
        s=pe@qe[i]; agg=np.full(len(ds),-1.0); np.maximum.at(agg,owner,s); return agg+de@qe[i]
    if mode=='chunks':
        cs=qce[qci==i]; s=(pe@cs.T).max(1); agg=np.full(len(ds),-1.0); np.maximum.at(agg,owner,s); return agg
def ev(scorer, sel=None):
    rls=[]
    for i,t in enumerate(ts):
        s=scorer(i); rls.append([ids[j] for j in np.argsort(-s)[:10]])
    return metrics(rls)
def mm(x): return (x-x.min())/(x.max()-x.min()+1e-9)
print('bm25 proto', ev(lambda i:B[i]))
for m in (('pmax','doc','both','chunks') if de is not None else ('pmax','chunks')): print('dense',m,ev(lambda i:dense_doc(i,m)))
for m in (('pmax','both') if de is not None else ('pmax','chunks')):
    for w in (0.5,1,2):
        print('hybrid',m,w,ev(lambda i: mm(B[i])+w*mm(dense_doc(i,m))))
