import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp5.py')).read().split("for a in")[0])
# tf-idf vectors per doc
N=len(ds)
dfc=collections.Counter(t for d in Dtok for t in set(d))
vec=[]
for d in Dtok:
    c=collections.Counter(d); v={t:(1+math.log(f))*math.log(N/dfc[t]) for t,f in c.items()}
    n=math.sqrt(sum(x*x for x in v.values())) or 1; vec.append({t:x/n for t,x in v.items()})
import numpy as np
V=sorted(dfc); vi={t:i for i,t in enumerate(V)}
M=np.zeros((N,len(V)),dtype=np.float32)
for i,v in enumerate(vec):
    for t,x in v.items(): M[i,vi[t]]=x
S=M@M.T
np.fill_diagonal(S,0)
def mk(beta,m=3,tw=0.3,weighted=True):
    def rank(q):
        f=np.array(fused(qterms(q),tw)); f=f/(f.max() or 1)
        top=np.argsort(-f)[:m]
        nb=(S[top]*(f[top][:,None] if weighted else 1)).sum(0); nb=nb/(nb.max() or 1)
        tot=f+beta*nb
        o=np.argsort(-tot)[:10]; return [ids[i] for i in o]
    return rank
for beta in [0,0.1,0.2,0.4]:
    for m in [3,5,10]:
        print(beta,m,report(mk(beta,m)))
