import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'base.py')).read())
TR=2
P=[];Pdoc=[];Dtok=[]
for di,d in enumerate(ds):
    tt=tokenize(d['title']); dt=tt*TR
    for p in split_passages(d):
        b=tokenize(p); dt+=b; P.append(tt*TR+b); Pdoc.append(di)
    Dtok.append(dt)
pb=BM25(P); db=BM25(Dtok)
def qterms(q): return collections.Counter(tokenize(strip_rp(q)))
def rank(q,w=1.0):
    qt=qterms(q); ps=pb.score(qt); dsc=db.score(qt)
    mp=max(ps) or 1; md=max(dsc) or 1
    best=[0.0]*len(ds)
    for i,s in enumerate(ps):
        d=Pdoc[i]; v=s/mp+w*dsc[d]/md
        if v>best[d]: best[d]=v
    o=sorted(range(len(ds)),key=lambda i:-best[i])
    return [ids[i] for i in o[:10]]
if __name__=='__main__':
    print(report(rank))
