import numpy as np, json, re, sys, collections, time
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import os; M=os.environ['MINILM_DIR'].rstrip('/')+'/'
W=load_file(M+'model.safetensors')
pre='' if 'embeddings.word_embeddings.weight' in W else 'bert.'
g=lambda k: W[pre+k].astype(np.float32)
tok=Tokenizer.from_file(M+'tokenizer.json'); tok.no_padding(); tok.enable_truncation(256)
def ln(x,w,b,eps=1e-12):
    m=x.mean(-1,keepdims=True); v=((x-m)**2).mean(-1,keepdims=True); return (x-m)/np.sqrt(v+eps)*w+b
def gelu(x): 
    from math import sqrt
    import scipy.special as sp
    return 0.5*x*(1+sp.erf(x/np.sqrt(2)))
def encode_batch(ids_list):
    L=max(len(i) for i in ids_list); B=len(ids_list)
    ids=np.zeros((B,L),dtype=np.int64); mask=np.zeros((B,L),dtype=np.float32)
    for i,x in enumerate(ids_list): ids[i,:len(x)]=x; mask[i,:len(x)]=1
    x=g('embeddings.word_embeddings.weight')[ids]+g('embeddings.position_embeddings.weight')[:L][None]+g('embeddings.token_type_embeddings.weight')[0][None,None]
    x=ln(x,g('embeddings.LayerNorm.weight'),g('embeddings.LayerNorm.bias'))
    H=12; d=384//H
    for l in range(6):
        p=f'encoder.layer.{l}.'
        q=x@g(p+'attention.self.query.weight').T+g(p+'attention.self.query.bias')
        k=x@g(p+'attention.self.key.weight').T+g(p+'attention.self.key.bias')
        v=x@g(p+'attention.self.value.weight').T+g(p+'attention.self.value.bias')
        sh=lambda t: t.reshape(B,L,H,d).transpose(0,2,1,3)
        q,k,v=sh(q),sh(k),sh(v)
        a=q@k.transpose(0,1,3,2)/np.sqrt(d)+(1-mask)[:,None,None,:]*-1e9
        a=np.exp(a-a.max(-1,keepdims=True)); a/=a.sum(-1,keepdims=True)
        o=(a@v).transpose(0,2,1,3).reshape(B,L,384)
        o=o@g(p+'attention.output.dense.weight').T+g(p+'attention.output.dense.bias')
        x=ln(x+o,g(p+'attention.output.LayerNorm.weight'),g(p+'attention.output.LayerNorm.bias'))
        h=gelu(x@g(p+'intermediate.dense.weight').T+g(p+'intermediate.dense.bias'))
        h=h@g(p+'output.dense.weight').T+g(p+'output.dense.bias')
        x=ln(x+h,g(p+'output.LayerNorm.weight'),g(p+'output.LayerNorm.bias'))
    e=(x*mask[:,:,None]).sum(1)/mask.sum(1)[:,None]
    return e/np.linalg.norm(e,axis=1,keepdims=True)
def embed(texts,bs=32):
    enc=[tok.encode(t).ids for t in texts]
    order=sorted(range(len(enc)),key=lambda i:len(enc[i]))
    out=np.zeros((len(texts),384),dtype=np.float32)
    for s in range(0,len(order),bs):
        idx=order[s:s+bs]; out[idx]=encode_batch([enc[i] for i in idx])
    return out
if __name__=='__main__':
    e=embed(['How do I get a refund?','I want my money back for a return','The weather is nice'])
    print(e@e.T)
