import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp4.py')).read().split("configs=")[0])
def fused(qt, tw=0.3):
    ps=pb.score(qt); dsc=db.score(qt); tsc=TB.score(qt)
    mp=max(ps) or 1; md=max(dsc) or 1; mt=max(tsc) or 1
    best=[0.0]*len(ds)
    for i,s in enumerate(ps):
        d=Pdoc[i]; best[d]=max(best[d],s/mp)
    return [best[d]+dsc[d]/md+tw*tsc[d]/mt for d in range(len(ds))]
def segs(q):
    s=[x for x in sentences(strip_rp(q)) if len(tokenize(x))>=3]
    return s
def mk(alpha, mode='sum', topn=20, tw=0.3, minlen=3):
    def rank(q):
        whole=fused(qterms(q),tw); mw=max(whole) or 1
        tot=[x/mw for x in whole]
        ss=segs(q)
        if alpha and ss:
            acc=[0.0]*len(ds)
            for s in ss:
                f=fused(collections.Counter(tokenize(s)),tw); m=max(f) or 1
                if mode=='sum':
                    for d in range(len(ds)): acc[d]+=f[d]/m
                else: # rrf over top
                    o=sorted(range(len(ds)),key=lambda i:-f[i])[:topn]
                    for r,d in enumerate(o): acc[d]+=1/(10+r)
            ma=max(acc) or 1
            tot=[tot[d]+alpha*acc[d]/ma for d in range(len(ds))]
        o=sorted(range(len(ds)),key=lambda i:-tot[i]); return [ids[i] for i in o[:10]]
    return rank
for a in [0,0.25,0.5,1.0]:
    for mode in ['sum','rrf']:
        print(a,mode,report(mk(a,mode)))
