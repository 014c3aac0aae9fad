import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp5.py')).read().split("def segs")[0])
import numpy as np
V=sorted(set(t for d in Dtok for t in d)|set(t for p in P for t in p)); vi={t:i for i,t in enumerate(V)}
def mat(units):
    M=np.zeros((len(units),len(V)),dtype=np.float32)
    for i,u in enumerate(units):
        for t,f in collections.Counter(u).items(): M[i,vi[t]]=f
    return M
DM=mat(Dtok); PM=mat(P)
Pd=np.array(Pdoc)
def qvec(q):
    v=np.zeros(len(V),dtype=np.float32)
    for t,f in qterms(q).items():
        if t in vi: v[vi[t]]=f
    return v
def cosine(M, sub=True, idfp=1.0):
    df=(M>0).sum(0); idf=np.log((len(M)+1)/(df+0.5))
    W=(1+np.log(np.maximum(M,1)))*(M>0) if sub else M
    W=W*idf**idfp; W=W/ (np.linalg.norm(W,axis=1,keepdims=True)+1e-9)
    return W, idf
def lmdir(M,mu):
    cf=M.sum(0)+0.5; pc=cf/cf.sum(); L=M.sum(1,keepdims=True)
    return np.log((M+mu*pc)/(L+mu))  # per-term log prob
DW,didf=cosine(DM); PW,pidf=cosine(PM)
def mk_cos(wp=1.0,wd=1.0,qsub=False,idfp=1.0):
    def rank(q):
        v=qvec(q)
        if qsub: v=(1+np.log(np.maximum(v,1)))*(v>0)
        sd=DW@(v*didf**idfp); sp=PW@(v*pidf**idfp)
        best=np.zeros(len(ds)); np.maximum.at(best,Pd,sp)
        s=wp*best/best.max()+wd*sd/sd.max()
        o=np.argsort(-s)[:10]; return [ids[i] for i in o]
    return rank
for c in [dict(),dict(wp=0),dict(wd=0),dict(qsub=True)]:
    print('cos',c,report(mk_cos(**c)))
for mu in [100,300,1000]:
    LD=lmdir(DM,mu); LP=lmdir(PM,mu)
    def rank(q):
        v=qvec(q); sd=LD@v; sp=LP@v
        best=np.full(len(ds),-1e30); np.maximum.at(best,Pd,sp)
        s=sd+0*best
        o=np.argsort(-s)[:10]; return [ids[i] for i in o]
    print('lm',mu,report(rank))
