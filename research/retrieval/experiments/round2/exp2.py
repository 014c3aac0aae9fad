import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp_base.py')).read().replace("if __name__=='__main__':","if False:"))
import itertools
fam=lambda i:i.rsplit('_',1)[0]
isint=[('internal' in d['title'].lower()) for d in ds]
is1=[i.endswith('_001') for i in ids]
isgen=['(general)' in i for i in ids]
cache={}
def base(q,w=1.0):
    if q in cache: return cache[q]
    qt=qterms(q); ps=pb.score(qt); dsc=db.score(qt)
    mp=max(ps) or 1; md=max(dsc) or 1
    best=[0.0]*len(ds)
    for i,s in enumerate(ps):
        d=Pdoc[i]; v=s/mp+w*dsc[d]/md
        if v>best[d]: best[d]=v
    cache[q]=best; return best
def mk(a,c,g):
    def rank(q):
        b=base(q)
        s=[b[i]*(1+a*isint[i]+c*is1[i]+g*isgen[i]) for i in range(len(ds))]
        o=sorted(range(len(ds)),key=lambda i:-s[i]); return [ids[i] for i in o[:10]]
    return rank
if __name__=="__main__":
 for a,c,g in itertools.product([0,0.2,0.5],[0,0.2,0.5],[0,0.2,0.5]):
    print(a,c,g,report(mk(a,c,g)))
