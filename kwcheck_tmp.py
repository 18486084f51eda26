import sys
from collections import Counter
from game.authoring.balance import simulate, dominance, game_seed, play_one
from game.files.paths import base_pack_dir
from game.files.loader import load_pack_or_raise
pack=load_pack_or_raise(base_pack_dir())
runs=int(sys.argv[1]) if len(sys.argv)>1 else 100
for variant in (None,"short"):
    r=simulate([base_pack_dir()],scenario="krachtwijken",variant=variant,runs=runs,seed=1,strategies=["priorities","honour","ignore","random","topdown","kw_minister=topdown"],workers=2)
    by=r["by_strategy"]
    print(variant, "dominance", r["dominance"], [f for f in dominance(r) if f[0]=="everywhere"])
    first={s: by[s]["years"]["livability"][0]+by[s]["years"]["safety"][0] for s in ("honour","topdown")}
    print(" first year L+S", first)
    print(" trust/cap top vs honour", [(m, by["topdown"]["meters"][m]["mean"], by["honour"]["meters"][m]["mean"]) for m in ("trust","capacity")])
    print(" support", {s: round(by[s]["meters"]["support"]["mean"],1) for s in by})
    print(" minister goals", {s: by[s]["roles"]["kw_minister"]["goals"] for s in by})
    print(" decisions", {k: round(v["decisions"],1) for k,v in by["priorities"]["roles"].items()})
    print(" kw_minister=topdown endings", by["kw_minister=topdown"]["endings"])
    ends={}
    for s in by:
        for e,v in by[s]["endings"].items(): ends[e]=max(ends.get(e,0),v)
    print(" max ending share", ends)
    chosen={}
    for i in range(runs):
        for ev,op in play_one(pack,"krachtwijken",variant,game_seed(1,i),"priorities",i).decisions:
            chosen.setdefault(ev,Counter())[op]+=1
    print(" sure", [e for e,c in chosen.items() if c.total()>=10 and c.most_common(1)[0][1]/c.total()>=0.95])
