from dense import embed
from proto import ts, ds, split_passages
import numpy as np, re, os, time
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with']
def sents(q): return [s for s in re.split(r'(?<=[.!?])\s+|\n+',q) if s.strip()]
def clean(q): return ' '.join(s for s in sents(q) if not any(b in s.lower() for b in BOIL))
P=[];owner=[]
for di,d in enumerate(ds):
    for sec,p in split_passages(d):
        P.append(d['title']+'. '+p); owner.append(di)
t=time.time()
if not os.path.exists('pe.npy'):
    np.save('pe.npy',embed(P)); np.save('de.npy',embed([d['title']+'. '+d['content'] for d in ds]))
print('passages',time.time()-t)
qs=[clean(x['query']) for x in ts]
np.save('qe.npy',embed(qs))
# sentence-chunk query embeddings
chunks=[];qi=[]
for i,q in enumerate(qs):
    ss=sents(q)
    for s in ss: chunks.append(s); qi.append(i)
np.save('qce.npy',embed(chunks)); np.save('qci.npy',np.array(qi))
print('done',time.time()-t)
