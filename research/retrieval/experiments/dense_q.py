from dense import embed
from proto import ts
import numpy as np, re
BOIL=['playing the role','customer service representative','dump all your information','never respond as','on the line with']
def sents(q): return [s for s in re.split(r'(?<=[.!?])\s+|\n+',q) if s.strip()]
def clean(q): return ' '.join(s for s in sents(q) if not any(b in s.lower() for b in BOIL))
qs=[clean(x['query']) for x in ts]
np.save('qe.npy',embed(qs))
chunks=[];qi=[]
for i,q in enumerate(qs):
    for s in sents(q): chunks.append(s); qi.append(i)
np.save('qce.npy',embed(chunks)); np.save('qci.npy',np.array(qi))
print('done')
