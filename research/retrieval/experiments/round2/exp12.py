import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp10.py')).read().split("for agg in")[0])
def famagg(f,m=3):
    fs=np.zeros(len(fams))
    for k in range(len(fams)):
        v=np.sort(f[F==k])[::-1][:m]; fs[k]=v.mean() if len(v) else 0
    return fs
multi=(famsize[F]>=2)
def mk2(g, gall):
    def rank(q):
        f=fz(q); fs=famagg(f)
        s=f+g*fs[F]*isov*multi+gall*fs[F]*multi
        o=np.argsort(-s,kind='stable')[:10]; return [ids[i] for i in o]
    return rank
for g in [0.3]:
    for ga in [0,0.05,0.1,0.2]:
        print(g,ga,report(mk2(g,ga)))
