import json,re,math,collections,sys
import os; D=os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../data/helpcenter/banking/')
ts=[json.loads(l) for l in open(D+'tasks_dev.jsonl')]
ds=[json.loads(l) for l in open(D+'documents.jsonl')]
STOP=set("a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those you your i me my we our they them their he she his her do does did not no so than then there here what which who whom how when where why can could will would should may might must shall have has had just only also about into over under again very".split())
def tok(s):
    s=s.lower()
    return [w for w in re.findall(r"[a-z0-9]+(?:['’][a-z]+)?",s) if w not in STOP]
def stem(w):
    for suf in ('ies','es','s'):
        if w.endswith(suf) and len(w)>len(suf)+2:
            return w[:-len(suf)]+('y' if suf=='ies' else '')
    return w
def toks(s,st=True): return [stem(w) if st else w for w in tok(s)]
class BM25:
    def __init__(s,docs,k1=1.2,b=0.75):
        s.docs=[collections.Counter(d) for d in docs]; s.len=[len(d) for d in docs]
        s.avg=sum(s.len)/len(s.len); s.N=len(docs); s.k1=k1; s.b=b
        df=collections.Counter(); [df.update(c.keys()) for c in s.docs]
        s.idf={t:math.log(1+(s.N-n+.5)/(n+.5)) for t,n in df.items()}
        s.post=collections.defaultdict(list)
        for i,c in enumerate(s.docs):
            for t,f in c.items(): s.post[t].append((i,f))
    def score(s,q):
        qc=collections.Counter(q) if isinstance(q,list) else q
        sc=collections.defaultdict(float)
        for t,qf in qc.items():
            if t not in s.post: continue
            idf=s.idf[t]
            for i,f in s.post[t]:
                sc[i]+=qf*idf*f*(s.k1+1)/(f+s.k1*(1-s.b+s.b*s.len[i]/s.avg))
        return sc
def split_passages(d):
    parts=re.split(r'\n(?=#{1,6} )', d['content'])
    out=[]
    for p in parts:
        p=p.strip()
        if not p: continue
        m=re.match(r'#{1,6} (.*)',p); sec=m.group(1) if m else ''
        out.append((sec,p))
    return out
def metrics(ranked_lists):
    r={1:0,5:0,10:0};mrr=0
    for t,rk in zip(ts,ranked_lists):
        req=set(t['required_documents'])
        for k in r: r[k]+=len(req&set(rk[:k]))/len(req)
        for i,d in enumerate(rk):
            if d in req: mrr+=1/(i+1);break
    n=len(ts); return {**{f'r@{k}':round(v/n,3) for k,v in r.items()},'mrr':round(mrr/n,3)}
