import os; HERE=os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE,'exp10.py')).read().split("for agg in")[0])
for m in [1,2,3,5]:
    for g in [0.15,0.2,0.25,0.3,0.4]:
        print(m,g,report(mk(g,'topm',topm=m)))
