"""people_briefs9, cases 19-36: e-mails written by hand (second writer's part) in the style of
tau-bench's retail task briefs, each turned into the customer's own first-person e-mail.

Written one at a time after reading that user's profile, orders and the products' variants in
data/retail. The voice is mostly that of customers writing in a hurry or on a phone (short
lines, dashes, arrows, abbreviations, lower case, the odd typo, a self-correction), mixed with
a few careful writers who explain too much. The requests cover cancellations, exchanges, item
changes of pending orders, returns, order and default address changes, payment changes,
questions whose answer is a store fact, conditionals, exclusions, references instead of ids,
one handoff and one request the policy forbids. Every label is built with the helpers of
labels.py, never typed by hand. No text is taken from tau-bench or from the other sets.

Case n is the n-th user of the `briefs9b` pool of build.py (case 19 is its first user).

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, paid_with, payment, pm, refund, return_items, status_is,
                    swap, total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs9", CASES)


# 19
u, o = "mei_li_2872", "#W5036595"
add(19, u, "Order help", """
hi
the order that's going to 463 Main St in fort worth (desk lamp, action cam, perfume, wall clock, notebook) - dont want it anymore, pls cancel it. pretty sure it hasnt left yet?
if it already went out then idk, tell me what i can do
thx
Mei
""", facts=[status_is(o, "processed")], disposition="either",
    tags=["refusal", "wrong_state", "conditional", "typos", "no_order_id"])

# 20
u, o = "sofia_ito_7804", "#W6075915"
s = [swap(o, "Fleece Jacket", {"size": "L"}),
     swap(o, "Skateboard", {"length": "31 inch", "design": "graphic"})]
add(20, u, "Order help", """
Hi, got my delivery w/ the fleece jacket, yoga mat and skateboard.
- fleece: the black full zip M is too small -> L, still black full zip
- skateboard: want the 31 inch maple one instead of 28. plain design if u have it, if not then the graphic one
yoga mat is fine, keeping it.
charge/refund my visa for the difference pls + tell me what it comes to
Sofia
""", actions=[exchange(o, s, pm(u, "credit_card", brand="visa"))],
    facts=[available(o, "Skateboard", {"length": "31 inch"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 21
u, o = "fatima_lee_3440", "#W8098147"
s = [swap(o, "Mechanical Keyboard", {"size": "full size"}),
     swap(o, "Electric Toothbrush", {"battery type": "rechargeable"})]
add(21, u, "Order help", """
hello, 2 changes to my order w/ the keyboard, toothbrush and sneakers (not shipped yet):
1. keyboard 80% -> 60%, same linear switches + rgb. no wait sorry, make it full size. full size, linear, rgb.
2. toothbrush: keep black + high speed but the rechargeable one, not AA batteries
thats everything, sneakers stay as they are. visa for the difference - how much is it?
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "typos", "no_order_id"])

# 22
u, o1, o2 = "omar_muller_7891", "#W8642391", "#W9474165"
add(22, u, "Order help", """
Hello,

I have two things to sort out and I apologise in advance for the length of this message.

First, my order with the keyboard, the red fleece jacket, the hiking boots and the white bookshelf is set to ship to 158 Hillcrest Drive in San Diego. I was staying with a friend there for a few weeks, but I am back home now, so I would like it delivered to my home address on Chestnut Street in Chicago, the one saved on my account, where all my other orders go.

Second, I would like to cancel the order with the tablet, the brown bookshelf, the blue water bottle and the electric kettle, as it turns out I no longer need any of it. It was paid with my gift card, so could you please let me know exactly how much will be put back on the card?

Thank you very much for your help,
Omar Muller
""", actions=[order_address(o1, default_address(u)), cancel(o2, "no longer needed")],
    facts=[total(o2)],
    tags=["address", "cancel", "multi", "question", "reference", "no_order_id"])

# 23
u = "harper_khan_8862"
add(23, u, "Order help", """
hi - i need to talk to an actual person about my account, not a bot. a couple of things on my statement dont look right and im not going through it by email with an automated system. pls have someone from your team call me.
and dont touch my order w/ the wall clock and earbuds in the meantime
Harper
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "typos", "no_order_id"])

# 24
u, o1, o2 = "evelyn_lopez_5487", "#W1355800", "#W1890669"
s = [swap(o1, "Cycling Helmet", {"size": "L"}, free=("ventilation",))]
add(24, u, "helmets", """
ok so i ended up w/ 2 helmets somehow.
the black one that already came is too small, size S -> M in black pls. if theres no M in black, then a L in black, dont care about the vents.
the blue helmet i ordered after that: if it hasnt shipped yet just cancel it, ordered it by mistake.
mastercard for any difference. thx
""", actions=[exchange(o1, s, pm(u, "credit_card")), cancel(o2, "ordered by mistake")],
    facts=[available(o1, "Cycling Helmet", {"size": "M"}, False), status_is(o2, "pending")],
    tags=["exchange", "cancel", "multi", "conditional", "typos", "no_order_id"])

# 25
u, o1, o2 = "raj_lopez_5873", "#W5107138", "#W3502364"
s = [swap(o2, "Hiking Boots", {"size": "10"})]
add(25, u, "Order help", """
Hi there, 2 things on my open orders:
- whichever of my pending orders costs the most -> switch it off the mastercard onto my paypal
- the ord with the skateboard + water bottle: boots are a 9, i need a 10. same synthetic waterproof ones. difference on paypal too
thanks
Raj
""", actions=[payment(o1, pm(u, "paypal")), modify_items(o2, s, pm(u, "paypal"))],
    tags=["payment", "modify_items", "multi", "reference", "no_order_id"])

# 26
u, o = "sophia_patel_6833", "#W2923184"
add(26, u, "return earbuds", """
Hi, the blue earbuds that came together with my laptop - I'd like to send those back. keeping the laptop.
Refund to the mastercard I paid with please.
Sophia
""", actions=[return_items(o, item_ids(o, "Wireless Earbuds"), paid_with(o))],
    tags=["return", "no_order_id"])

# 27
u, o = "harper_thomas_9402", "#W7425646"
add(27, u, "Order help", """
Good afternoon,

I recently placed an order for a yoga mat and a smart thermostat and paid for it with my Visa. My bank has since told me that this Visa is being replaced next week because of some suspicious activity on it (nothing to do with your store, I should add), so I would prefer not to have anything outstanding on that card.

Could you please move the payment for that order over to my Mastercard instead? Nothing else about the order needs to change, and it should still be delivered to Houston as planned.

Many thanks for your help,
Harper Thomas
""", actions=[payment(o, pm(u, "credit_card", brand="mastercard"))],
    tags=["payment", "no_order_id"])

# 28
u, o = "yara_johansson_1629", "#W3372648"
s = [swap(o, "Jigsaw Puzzle", {"pieces": "500"}, where={"pieces": "2000"})]
add(28, u, "Order help", """
hey quick one - the order w/ the wristwatch + the 2 puzzles, not shipped yet.
the big puzzle (2000 pc art) -> 500 pieces instead, still art, still beginner. the other puzzle stays as is
mastercard for the diff. thx!
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    tags=["modify_items", "reference", "no_order_id"])

# 29
u, o = "noah_brown_6181", "#W7678072"
ids = all_items(o, "Backpack")
add(29, u, "Order help", """
Hi,
sending back everything from my order except the backpack (keeping that one). so the kettle + the gaming mouse go back.
refund to paypal pls. how much will i get back?
Noah
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 30
u, o1, o2 = "noah_patel_6952", "#W1845024", "#W7043598"
new = address("517 Lakeview Drive", "Suite 813", "Seattle", "WA", "98195")
add(30, u, "wrong suite #", """
hi, i messed up the suite number on my seattle order (keyboard, helmet, headphones, office chair, boots). it says Suite 183, should be Suite 813. rest is right - 517 Lakeview Drive, Seattle WA 98195.
also unrelated: how much did i get refunded for the cancelled order that had the espresso machine in it?
thx
""", actions=[order_address(o1, new)], facts=[total(o2)],
    tags=["address", "multi", "question", "no_order_id"])

# 31
u, o = "amelia_patel_7834", "#W6497157"
s = [swap(o, "Sunglasses", {"frame color": "black"}),
     swap(o, "Smart Watch", {"display": "LCD"}, where={"color": "silver"})]
add(31, u, "Order help", """
Hello - about my delivered order with the sunglasses and the two smartwatches:
1) sunglasses: the brown frames aren't for me. i'd like the same pair i have coming in my other order, so black frame (brown lenses, polarized, plastic)
2) the silver watch -> the LCD screen version, otherwise the same (silver, leather band). the black watch i'm keeping.
gift card for any difference. what does the difference come to?
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "reference", "question", "no_order_id"])

# 32
u, o1, o2 = "harper_kovacs_9747", "#W6221400", "#W3876856"
ids = all_items(o1, "Air Purifier")
add(32, u, "Order help", """
hi
from the order w/ the air purifier: purifier stays, everything else in that box goes back. refund to my gift card.
also how much came back to me for the order i cancelled (the sneakers / patio umbrella / helmet one)? cant find it anywhere
thanks
""", actions=[return_items(o1, ids, pm(u, "gift_card"))],
    facts=[refund(o1, ids), total(o2)],
    tags=["return", "exclusion", "multi", "question", "typos", "no_order_id"])

# 33
u, o1, o2 = "amelia_silva_7726", "#W7342738", "#W7773202"
add(33, u, "Order help", """
Hi,
Two things.
1. Please cancel my pending order that has the dumbbell set in it, I no longer need it. How much goes back on my gift card?
2. The hiking boots show as delivered but there's nothing at my door. Can I get the tracking number so I can chase the carrier?
Amelia
""", actions=[cancel(o1, "no longer needed")], facts=[total(o1), tracking(o2)],
    tags=["cancel", "multi", "question", "tracking", "no_order_id"])

# 34
u, o1, o2 = "yusuf_hernandez_6785", "#W7739115", "#W1994898"
add(34, u, "Order help", """
hey
- the makeup kit (dark, professional) - return it pls, refund to paypal
- my order w/ the rose gold phone + boots going to DC: whats the tracking no.?
ty
""", actions=[return_items(o1, item_ids(o1, "Makeup Kit"), pm(u, "paypal"))],
    facts=[tracking(o2)],
    tags=["return", "multi", "tracking", "question", "typos", "no_order_id"])

# 35
u, o1, o2 = "sofia_thomas_1518", "#W7619352", "#W3388163"
s = [swap(o1, "Wireless Earbuds", {"color": "black"}),
     swap(o1, "Portable Charger", {"output": "USB-C"})]
add(35, u, "Order help", """
Hi! For my order with the vacuum, toothbrush, earbuds and power bank (hasnt shipped):
- earbuds: if you have them in black with the same 4hr battery & IPX7, switch to black. if not just leave them blue
- power bank -> the USB-C one, still 5000mAh and white
paypal for the difference.
Also can you send me the tracking number for the order w/ the keyboard & action camera? thanks!!
""", actions=[modify_items(o1, s, pm(u, "paypal"))],
    facts=[available(o1, "Wireless Earbuds", {"color": "black"}, True), tracking(o2)],
    tags=["modify_items", "multi", "conditional", "tracking", "question", "typos",
          "no_order_id"])

# 36
u, o1, o2 = "amelia_ito_8772", "#W3883329", "#W3733909"
s = [swap(o2, "Hiking Boots", {"size": "8"})]
add(36, u, "Order help", """
Hi, I moved to Seattle - the address my pending order is shipping to (Hickory Lane) is my new home, pls make that the default addr on my account.
And the hiking boots from my order w/ the bike: size 9 -> 8, same boots otherwise. mastercard for the difference.. no actually put it on paypal.
thank you
""", actions=[user_address(u, address_of(o1)), exchange(o2, s, pm(u, "paypal"))],
    tags=["user_address", "exchange", "multi", "reference", "no_order_id"])
