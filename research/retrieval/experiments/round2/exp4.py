import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp_base.py')).read().replace("if __name__=='__main__':","if False:"))
import sys
TB=BM25([tokenize(d['title']) for d in ds])
def mkrank(qw='raw', w=1.0, agg='max', tw=0.0, pk=(1.2,0.75), dk=(1.2,0.75), idfmin=0.0):
    pb.k1,pb.b=pk; db.k1,db.b=dk
    def rank(q):
        qt=qterms(q)
        if qw=='log': qt={t:1+math.log(f) for t,f in qt.items()}
        elif isinstance(qw,float): qt={t:f**qw for t,f in qt.items()}
        elif qw=='sqrt': qt={t:math.sqrt(f) for t,f in qt.items()}
        if idfmin: qt={t:f for t,f in qt.items() if db.idf.get(t,9)>=idfmin}
        ps=pb.score(qt); dsc=db.score(qt); tsc=TB.score(qt)
        mp=max(ps) or 1; md=max(dsc) or 1; mt=max(tsc) or 1
        best=[0.0]*len(ds); sm=[[] for _ in ds]
        for i,s in enumerate(ps):
            sm[Pdoc[i]].append(s/mp)
        for d in range(len(ds)):
            l=sorted(sm[d],reverse=True)
            if agg=='max': a=l[0]
            elif agg=='top2': a=l[0]+0.5*(l[1] if len(l)>1 else 0)
            elif agg=='mean': a=sum(l)/len(l)
            best[d]=a+w*dsc[d]/md+tw*tsc[d]/mt
        o=sorted(range(len(ds)),key=lambda i:-best[i]); return [ids[i] for i in o[:10]]
    return rank
configs=eval(sys.argv[1])
for c in configs:
    print(c, report(mkrank(**c)))
