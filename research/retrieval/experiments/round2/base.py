import os; HERE=os.path.dirname(os.path.abspath(__file__))
import json,re,math,collections
D=os.path.join(HERE,'../../../../data/helpcenter/banking/')
ts=[json.loads(l) for l in open(D+'tasks_dev.jsonl')]
ds=[json.loads(l) for l in open(D+'documents.jsonl')]
ids=[d['id'] for d in ds]; idx={d['id']:i for i,d in enumerate(ds)}
TOOL=re.compile(r'\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+_\d{4})\b')
tools_in=[set(TOOL.findall(d['title']+' '+d['content'])) for d in ds]
STOP=set("a about again also an and are as at be been being but by can could did do does for from had has have he her here his how i if in into is it its just may me might must my no not of on only or our over shall she should so than that the their them then there these they this those to under very was we were what when where which who whom why will with would you your".split())
def stem(w):
    n=len(w)
    if n>5 and w.endswith('ies'): return w[:-3]+'y'
    if n>3 and w.endswith('s') and not w.endswith('ss') and not w.endswith('us'): return w[:-1]
    if n>5 and w.endswith('ing'): return w[:-3]
    if n>4 and w.endswith('ed'): return w[:-2]
    return w
def tokenize(s):
    return [stem(w) for w in (x.lower() for x in re.split(r'[^0-9A-Za-z]+',s)) if len(w)>=2 and w not in STOP]
MARK=["playing the role","customer service representative","dump all your information","never respond as","on the line with"]
def sentences(t):
    return [s for s in re.split(r'(?<=[.!?])\s+|\n',t) if s.strip()]
def strip_rp(t):
    k=[s for s in sentences(t) if not any(m in s.lower() for m in MARK)]
    return ' '.join(k) if k else t
def split_passages(d):
    parts=re.split(r'\n(?=#{1,6} )', d['content'])
    out=[]
    for p in parts:
        p=p.strip()
        if p: out.append(p)
    return out or ['']
class BM25:
    def __init__(s,docs,k1=1.2,b=0.75):
        s.len=[len(d) for d in docs]; s.avg=max(1,sum(s.len)/len(s.len)); s.N=len(docs); s.k1=k1; s.b=b
        s.post=collections.defaultdict(list)
        for i,d in enumerate(docs):
            for t,f in collections.Counter(d).items(): s.post[t].append((i,f))
        s.idf={t:math.log(1+(s.N-len(p)+.5)/(len(p)+.5)) for t,p in s.post.items()}
    def score(s,q):
        sc=[0.0]*s.N
        for t,qf in q.items():
            if t not in s.post: continue
            w=qf*s.idf[t]*(s.k1+1)
            for i,f in s.post[t]:
                sc[i]+=w*f/(f+s.k1*(1-s.b+s.b*s.len[i]/s.avg))
        return sc
def metrics(tasks, ranked):
    r={1:0,5:0,10:0};mrr=0
    for t,rk in zip(tasks,ranked):
        req=set(t['required_documents'])
        for k in r: r[k]+=len(req&set(rk[:k]))/len(req)
        for i,d in enumerate(rk[:10]):
            if d in req: mrr+=1/(i+1);break
    n=len(tasks); return {**{f'r@{k}':round(v/n,3) for k,v in r.items()},'mrr':round(mrr/n,3)}
H1=ts[:41]; H2=ts[41:]
def report(fn):
    out={}
    for name,T in (('h1',H1),('h2',H2),('all',ts)):
        out[name]=metrics(T,[fn(t['query']) for t in T])
    return out
