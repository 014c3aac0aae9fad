import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp12.py')).read().split("for g in")[0])
R=mk2(0.3,0)
def prf(alpha, m=3, nterms=30):
    def rank(q):
        qt=qterms(q)
        f=fz(q); fs=famagg(f); s=f+0.3*fs[F]*isov*multi
        top=np.argsort(-s)[:m]
        ex=collections.Counter()
        for d in top:
            c=collections.Counter(Dtok[d]); L=len(Dtok[d])
            for t,n in c.items(): ex[t]+=n/L*db.idf.get(t,0)
        ex=dict(ex.most_common(nterms)); tot=sum(ex.values()) or 1
        qs=sum(qt.values())
        nq=collections.Counter({t:(1-alpha)*v/qs for t,v in qt.items()})
        for t,v in ex.items(): nq[t]+=alpha*v/tot
        f2=np.array(fused(nq)); f2=f2/f2.max(); fs2=famagg(f2); s2=f2+0.3*fs2[F]*isov*multi
        o=np.argsort(-s2,kind='stable')[:10]; return [ids[i] for i in o]
    return rank
print('base',report(R))
for a in [0.1,0.2,0.3]:
    for m in [3,5]:
        print(a,m,report(prf(a,m)))
