import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp5.py')).read().split("def segs")[0])
def prior_from(T):
    c=collections.Counter(r for t in T for r in t['required_documents']); n=len(T)
    return [c[i]/n for i in ids]
def mk(pr,g):
    def rank(q):
        f=fused(qterms(q)); m=max(f)
        s=[f[d]/m+g*pr[d] for d in range(len(ds))]
        o=sorted(range(len(ds)),key=lambda i:-s[i]); return [ids[i] for i in o[:10]]
    return rank
for g in [0,0.5,1,2]:
    a=metrics(H2,[mk(prior_from(H1),g)(t['query']) for t in H2]); b=metrics(H1,[mk(prior_from(H2),g)(t['query']) for t in H1])
    print(g,'train h1->h2',a,'train h2->h1',b)
