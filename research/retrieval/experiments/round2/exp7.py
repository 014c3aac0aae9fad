import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp6.py')).read().split("for beta in")[0])
cent=S.sum(1); cent=(cent-cent.min())/(cent.max()-cent.min())
req=collections.Counter(r for t in ts for r in t['required_documents'])
o=np.argsort(-cent)[:15]; print([(ids[i][4:],req[ids[i]]) for i in o])
def mk(g):
    def rank(q):
        f=np.array(fused(qterms(q),0.3)); f=f/(f.max() or 1)
        tot=f*(1+g*cent)
        o=np.argsort(-tot)[:10]; return [ids[i] for i in o]
    return rank
for g in [0,0.1,0.2,0.4]:
    print(g,report(mk(g)))
