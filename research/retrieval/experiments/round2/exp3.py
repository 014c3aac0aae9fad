import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp2.py')).read().replace('__name__=="__main__"','False'))
famid=[fam(i) for i in ids]
def div(lam, exempt_general=True, depth=60):
    def rank(q):
        b=base(q); o=sorted(range(len(ds)),key=lambda i:-b[i])[:depth]
        cnt=collections.Counter(); out=[]; pool=list(o)
        while pool and len(out)<10:
            best=max(pool,key=lambda i:b[i]*(1-lam)**(0 if (exempt_general and isgen[i]) else cnt[famid[i]]))
            pool.remove(best); out.append(best); cnt[famid[best]]+=1
        return [ids[i] for i in out]
    return rank
for lam in [0,0.1,0.2,0.3,0.5]:
    for ex in [True,False]:
        print(lam,ex,report(div(lam,ex)))
