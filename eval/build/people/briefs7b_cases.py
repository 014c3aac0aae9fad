"""people_briefs7, cases 19-36: e-mails written by hand in the style of tau-bench's retail task
briefs turned into first-person e-mails, as terse, hurried customers would write them (see the
README for the pool and split rules).

Each e-mail was written one at a time after reading that user's orders and the products'
variants in data/retail; case 18+k is about the k-th user of the `briefs7b` pool of `build.py`.
No text is taken from tau-bench or from the other sets.

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address, all_items, available, brief_adder, cancel, default_address,
                    address_of, difference, exchange, item_ids, modify_items, order_address,
                    paid_with, payment, pm, refund, return_items, swap, total,
                    tracking, user_address)

CASES = []

add = brief_adder("people-briefs7", CASES)


# 19
u, o = "anya_garcia_3271", "#W6436609"
visa = pm(u, "credit_card", brand="visa")
s = [swap(o, "Makeup Kit", {"brand": "Brand C"})]
add(19, u, "Order help", """
I'm Anya Garcia, zip code 19036. quick one re my pending order (laptop, smartwatch, kettle, makeup kit):
- take it off the gift card, bill my visa instead
- makeup kit: Brand C not Brand A. still medium skin tone, still the basic kit
visa covers the difference too. what does the difference come to? thx
""", actions=[payment(o, visa), modify_items(o, s, visa)], facts=[difference(o, s)],
    tags=["payment", "modify_items", "multi", "question", "no_order_id"])

# 20
u, o1, o2 = "ethan_thomas_1791", "#W7764382", "#W8465042"
ids = all_items(o1, "Laptop")
add(20, u, "Order help", """
I'm Ethan Thomas, zip code 43188. 2 things.
1. the box that got delivered in Chicago: laptop stays w/ me, everything else in it goes back (dog bed, keyboard, the security cam). refund to paypal. how much am I getting back?
2. cancel W8465042 (phone + watch). I ordered it by mistake.
""", actions=[return_items(o1, ids, pm(u, "paypal")), cancel(o2, "ordered by mistake")],
    facts=[refund(o1, ids)],
    tags=["return", "cancel", "multi", "exclusion", "question"])

# 21
u, o1, o2 = "liam_kovacs_4286", "#W1547606", "#W3417600"
s = [swap(o2, "Tea Kettle", {"capacity": "1.5 liters"})]
add(21, u, "Order help", """
I'm Liam Kovacs, my email is liam.kovacs5432@example.com. The order w/ the laptop and action cam is set to ship to Dallas, wrong. Send it to the address on my account (DC) instead.
Also open order w/ the kettle, speaker + earbuds - want the kettle one size up, 1.5 liter, still glass, still for a gas stove. If you've got that one, switch it and take the extra off my gift card. if you don't, leave the kettle be.
""", actions=[order_address(o1, default_address(u)), modify_items(o2, s, pm(u, "gift_card"))],
    facts=[available(o2, "Tea Kettle", {"capacity": "1.5 liters"}, True)],
    tags=["address", "modify_items", "multi", "conditional", "reference", "no_order_id"])

# 22
u, o = "chen_lopez_3345", "#W9360566"
s = [swap(o, "Cycling Helmet", {"ventilation": "high"})]
add(22, u, "Order help", """
I'm Chen Lopez, zip code 98155. bike helmet from my last delivery runs hot, barely any airflow. swap it for the same one (blue, size M) but w/ high ventilation. puzzle and backpack im keeping. paypal for the diff
""", actions=[exchange(o, s, pm(u, "paypal"))],
    tags=["exchange", "no_order_id", "typos"])

# 23
u, o = "yara_johansson_9032", "#W9538251"
add(23, u, "Order help", """
I'm Yara Johansson, zip code 94128.
Cancel my open order - espresso machine + camera. Don't need them anymore.
How much goes back on the visa?
""", actions=[cancel(o, "no longer needed")], facts=[total(o)],
    tags=["cancel", "question", "no_order_id"])

# 24
u, o1, o2 = "yusuf_garcia_3055", "#W4794911", "#W6885344"
ids = all_items(o1, "Air Purifier", "E-Reader")
add(24, u, "Order help", """
I'm Yusuf Garcia, my email is yusuf.garcia2909@example.com.
#W4794911: return all but the air purifier and the e-reader. refund to paypal, same as I paid. need the refund total.
separate: my pending backpack order is on paypal rn, move it to the mastercard.
""", actions=[return_items(o1, ids, paid_with(o1)),
              payment(o2, pm(u, "credit_card", brand="mastercard"))],
    facts=[refund(o1, ids)],
    tags=["return", "payment", "multi", "exclusion", "question"])

# 25
u, o = "ethan_smith_7905", "#W1138897"
new = address("4410 N Camelback Rd", "Apt 12", "Phoenix", "AZ", "85018")
s = [swap(o, "Backpack", {"compartment": "camera"})]
visa = pm(u, "credit_card")
add(25, u, "Order help", """
I'm Ethan Smith, zip code 85001. Moving next wk. New addr: 4410 N Camelback Rd, Apt 12, Phoenix, AZ 85018.
1) make it my account address
2) my order that hasnt shipped (tea kettle + green backpack), send it there too
3) same order, the backpack: want the one w/ the camera compartment, not the laptop one. otherwise identical, green/small/polyester. visa for the diff.
""", actions=[user_address(u, new), order_address(o, new), modify_items(o, s, visa)],
    tags=["user_address", "address", "modify_items", "multi", "typos", "no_order_id"])

# 26
u, o = "mei_ahmed_4909", "#W7553978"
short, long_ = {"length": "28 inch"}, {"length": "34 inch"}
s = [swap(o, "Skateboard", {"deck material": "bamboo"}, where=short)]
add(26, u, "Order help", """
I'm Mei Ahmed, zip code 78705. Delivered order w/ the 2 skateboards, vacuum and watch. Want to exchange:
- the shorter board (28in, plastic): bamboo deck instead. same length, plain.
- the longer board (34in): ONLY if you have it in maple with a graphic design, change it to that. not in stock = leave it alone.
Mastercard for the price difference. what's the difference?
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Skateboard", {"deck material": "maple", "design": "graphic"}, False,
                     where=long_),
           difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 27
u, o = "noah_kovacs_1216", "#W8826221"
s = [swap(o, "Dumbbell Set", {"weight range": "30-50 lbs"})]
add(27, u, "Order help", """
I'm Noah Kovacs, my email is noah.kovacs8240@example.com. The dumbbells I got (5-25 lb, iron, adjustable) are too light now. exchange for the 30-50 lb set, still iron and adjustable. Gift card for any refund or charge. Nothing else in that order changes - laptop, jacket, bookshelf stay.
""", actions=[exchange(o, s, pm(u, "gift_card"))],
    tags=["exchange", "no_order_id"])

# 28
u, o = "harper_kim_2998", "#W2959713"
add(28, u, "Order help", """
I'm Harper Kim, zip code 78222. cancel the order w/ the dumbbells + the 17 inch laptop, the one going to Houston. ordered by mistake. refund to gift card.
If it can't be cancelled anymore, fine, then do nothing else on my account.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 29
u, o1, o2 = "sofia_lee_8857", "#W4143549", "#W7762997"
s = [swap(o1, "Cycling Helmet", {"size": "M", "ventilation": "low"})]
add(29, u, "Order help", """
I'm Sofia Lee, zip code 91401.
- white bike helmet (size S) from the order that went to Pine Lane: too small, I want an M. ideally white w/ medium vents like this one. If M doesn't come that way, then M in white with low vents. any refund on the diff to my mastercard.
- my other delivery (the one w/ the red helmet): return just the gaming mouse. money back to paypal.
thx
""", actions=[exchange(o1, s, pm(u, "credit_card")),
              return_items(o2, item_ids(o2, "Gaming Mouse"), pm(u, "paypal"))],
    facts=[available(o1, "Cycling Helmet", {"size": "M"}, False)],
    tags=["exchange", "return", "multi", "conditional", "no_order_id"])

# 30
u, o1, o2 = "liam_santos_5468", "#W6794581", "#W4011814"
s = [swap(o2, "Fleece Jacket", {"size": "L"}), swap(o2, "Water Bottle", {"capacity": "750ml"})]
add(30, u, "Order help", """
I'm Liam Santos, zip code 78762. order w/ the red helmet and the tea kettle is going to Chicago. wrong. ship it to the same address as my other open order (the vacuum one).
In that vacuum order change 2 things, both at once:
  fleece S -> L, keep red, half zip
  red steel water bottle 1000ml -> 750ml
both keyboards + vacuum stay as is. Visa for any difference.
""", actions=[order_address(o1, address_of(o2)), modify_items(o2, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 31
u, o = "isabella_lopez_6490", "#W4923227"
add(31, u, "Order help", """
I'm Isabella Lopez, my email is isabella.lopez3271@example.com. my speaker order (the red one) got charged to my mastercard. pls switch it to paypal. thats it, dont change anything else.
""", actions=[payment(o, pm(u, "paypal"))],
    tags=["payment", "typos", "no_order_id"])

# 32
u, o = "yusuf_lee_5921", "#W3631991"
new = address("2207 Greenville Ave", "Unit 5", "Dallas", "TX", "75206")
add(32, u, "Order help", """
I'm Yusuf Lee, zip code 75379. few things:
a) tracking number for my order w/ the wall clock + water bottle?
b) return the bottle from that order, clock stays. refund to paypal
c) new home addr for my account: 2207 Greenville Ave, Unit 5, Dallas TX 75206
""", actions=[return_items(o, item_ids(o, "Water Bottle"), pm(u, "paypal")),
              user_address(u, new)],
    facts=[tracking(o)],
    tags=["tracking", "question", "return", "user_address", "multi", "no_order_id"])

# 33
u, o = "daiki_li_8218", "#W6958840"
s = [swap(o, "Cycling Helmet", {"size": "M"}, where={"color": "white"}),
     swap(o, "Cycling Helmet", {"ventilation": "high"}, where={"color": "black"})]
add(33, u, "Order help", """
I'm Daiki Li, zip code 75201. My pending order has 2 bike helmets. Change both in one go:
white S one -> size M (still white, low vent)
black L one -> high ventilation instead of low (still black, L)
Use my gift card. What's the net difference?
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 34
u, o = "mason_johansson_8128", "#W4536116"
add(34, u, "Order help", """
I'm Mason Johansson, my email is mason.johansson9549@example.com. Want my open order cancelled - the one w/ the watch, keyboard, backpack and bottle. Reason: no longer needed. How much is refunded to my gift card?
""", actions=[cancel(o, "no longer needed")], facts=[total(o)],
    tags=["cancel", "question", "no_order_id"])

# 35
u = "sophia_nguyen_7885"
add(35, u, "Order help", """
I'm Sophia Nguyen, zip code 60647. pls no automated answer this time. I want a human agent to contact me about my phone order. Do not change, cancel or refund anything until a person has looked at it.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 36
u, o = "sophia_garcia_5795", "#W4958652"
add(36, u, "Order help", """
I'm Sophia Garcia, zip code 28212. Order headed to Houston (2 kettles, chair, helmet, thermostat) - cancel it, I ordered it by mistake. My Charlotte order stays as is.
""", actions=[cancel(o, "ordered by mistake")],
    tags=["cancel", "no_order_id"])
