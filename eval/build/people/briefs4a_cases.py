"""people_briefs4, part a (cases 1-24): e-mails written by hand in the style of tau-bench's
retail task briefs, rewritten as the customer's own first-person e-mail ("I'm <Name>, zip code
<zip>. ..."). Written one at a time after reading that user's orders and the variants of the
products in them; no text taken from tau-bench or from the other sets. Case n uses the n-th
user of the briefs4 pool (`build.py` checks it). Held out: nobody ran frontdesk on them.
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items, order_address,
                    paid_with, payment, pm, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []

add = brief_adder("people-briefs4", CASES)


# 1
u, o = "harper_smith_4233", "#W2954950"
s = [swap(o, "Mechanical Keyboard", {"backlight": "RGB"})]
add(1, u, "Order help", """
I'm Harper Smith, zip code 43193. I got my keyboard and dumbbells a while ago at my Austin place. The white backlight on the keyboard turned out to be boring, so I want to exchange the keyboard for the same one with RGB lighting - keep the linear switches and the small 60% size. The dumbbells are fine, leave them alone. I'd like to know how much more I have to pay, and use PayPal for it. If the agent asks for confirmation, say yes.
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 2
u, o1, o2 = "noah_wilson_6623", "#W9288362", "#W5791505"
s = [swap(o1, "Headphones", {"color": "black"})]
ids = all_items(o2, "Vacuum Cleaner")
add(2, u, "Order help", """
I'm Noah Wilson, my email is noah.wilson7285@example.com. Two things. In order W9288362 the blue headphones look odd next to everything else I own; exchange them for the black version of the same over-ear wired pair, and charge the extra to my Mastercard. Then the big order with the vacuum cleaner: I'm keeping the vacuum, but I want to return everything else that came in that box. Put that refund back on the card I paid with. I want to know how much I will get back for the return.
""", actions=[exchange(o1, s, pm(u, "credit_card", brand="mastercard")),
              return_items(o2, ids, paid_with(o2))],
    facts=[refund(o2, ids)],
    tags=["exchange", "return", "multi", "exclusion", "reference", "question"])

# 3
u, o = "anya_silva_8688", "#W2570197"
s = [swap(o, "Jigsaw Puzzle", {"pieces": "1500"}),
     swap(o, "Dumbbell Set", {"set type": "adjustable"})]
add(3, u, "Order help", """
hi, I'm Anya Silva, zip code 32221. I finshed the art puzzle from my last delivery way too fast, it was only 1000 pieces. I want to exchange it for the 2000 piece version, same art theme and same intermediate level. If there's no 2000 one, the 1500 piece one is fine. In the same exchange I want to swap the fixed iron dumbells (30-50 lbs) for the adjustable ones, same weight and still iron. I keep the fleece jacket. Whatever the difference is goes to my mastercard, and tell me the amount.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Jigsaw Puzzle", {"pieces": "2000"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "typos", "no_order_id"])

# 4
u, o = "emma_rossi_6933", "#W4213437"
ids = item_ids(o, "Laptop", "Bookshelf")
add(4, u, "Order help", """
I'm Emma Rossi, my email is emma.rossi7853@example.com. I want to return the laptop and the glass bookshelf from my order #W4213437. I'm keeping the desk lamp and the keyboard. Send the money back to the gift card I paid with, not to my Visa. How much is the refund in total?
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "reference"])

# 5
u = "isabella_johnson_1272"
new_home = address("42 Birch Court", "Apt 3B", "Indianapolis", "IN", "46220")
add(5, u, "Order help", """
I'm Isabella Johnson, zip code 46215. I moved last week. Please update the address on my account to 42 Birch Court, Apt 3B, Indianapolis, IN 46220. That's the only thing I need changed, I don't have any open orders right now. Also, how much is left on my gift card?
""", actions=[user_address(u, new_home)], facts=[balance(u, pm(u, "gift_card"))],
    tags=["user_address", "question", "multi", "no_order_id"])

# 6
u, o1, o2 = "mason_sanchez_7536", "#W6209538", "#W9342124"
ids = item_ids(o1, "Sunglasses")
s = [swap(o2, "Cycling Helmet", {"size": "M"}, free=("ventilation",))]
add(6, u, "Order help", """
I'm Mason Sanchez, zip code 78213. Two things about stuff I already got. The sunglasses that were shipped to Chicago, I want to return them, refund to my gift card. And the bike helmet from my big order with the digital camera is too large on me, I need a size M instead of L, still in blue. I don't care about the ventilation. Use the gift card for any difference too.
""", actions=[return_items(o1, ids, pm(u, "gift_card")),
              exchange(o2, s, pm(u, "gift_card"))],
    tags=["return", "exchange", "multi", "reference", "no_order_id"])

# 7
u, o = "raj_smith_7423", "#W8704143"
add(7, u, "Order help", """
I'm Raj Smith, zip code 20174. My electric kettle hasn't shipped yet. I'd like it in black instead of white, same 2L stainless steel. If there is no black one like that, then just cancel the whole order, I no longer need it and I'll buy something else. If it does get cancelled I want to know how much goes back to my Mastercard.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Electric Kettle", {"color": "black"}, False), total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 8
u, o = "yusuf_johnson_8087", "#W6735441"
ids = item_ids(o, ("Cycling Helmet", {"color": "red"}), "Pet Bed")
add(8, u, "Order help", """
I'm Yusuf Johnson, my email is yusuf.johnson6185@example.com. I ordered two cycling helmets and it turns out I only need one. I want to return the cheaper of the two, plus the pet bed from the same order, my dog refuses to sleep in it. I don't remember the order id. The refund goes back to my Mastercard. How much will that be?
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "question", "no_order_id"])

# 9
u, o1, o2 = "harper_moore_7767", "#W5964460", "#W1926021"
s = [swap(o2, "Cycling Helmet", {"size": "M"}, free=("ventilation",))]
add(9, u, "Order help", """
I'm Harper Moore, zip code 32263. First, cancel my electric toothbrush order, I ordered it by mistake. If the agent says it's too late for that because it's already on its way, fine, then I just want the tracking number. Second, the white bike helmet I received together with the fleece jacket is a bit loose, exchange it for a medium in white; the ventilation doesn't matter to me. PayPal for any difference.
""", actions=[exchange(o2, s, pm(u, "paypal"))],
    facts=[status_is(o1, "processed"), tracking(o1)],
    tags=["exchange", "refusal", "wrong_state", "conditional", "tracking", "question", "multi",
          "no_order_id"])

# 10
u = "noah_nguyen_3444"
add(10, u, "Order help", """
I'm Noah Nguyen, zip code 28258. I'm really unhappy. I spent over three thousand dollars on the espresso machine that went to my Fort Worth address and the steam wand already leaks after a couple of weeks. I don't want an exchange and I'm not mailing a heavy machine back either. I want compensation for the hassle, at least $500 credited to my gift card, and I want that decided today. If the agent offers a return or an exchange, decline.
""", disposition="escalate", tags=["handoff", "annoyed", "no_order_id"])

# 11
u, o = "amelia_kim_4338", "#W7634667"
s = [swap(o, "Tea Kettle", {"capacity": "2 liters"}, where={"material": "glass"}),
     swap(o, "Mechanical Keyboard", {"backlight": "RGB"})]
add(11, u, "Order help", """
I'm Amelia Kim, my email is amelia.kim6460@example.com. For my pending order #W7634667 I want to change two items before it ships: the glass tea kettle should be the 2-liter one (still glass, still for induction), and the keyboard should have RGB backlight instead of none, same linear switches and 80% size. Don't touch the ceramic kettle or the desk lamp. Those are all the changes. Refund or charge the difference through PayPal and tell me the amount.
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 12
u = "anya_kim_6731"
add(12, u, "Order help", """
I'm Anya Kim, zip code 80218. I changed my mind about the black metal bookshelf I ordered. Please process a return for it right now and refund my PayPal, I'd rather not wait for it to arrive first. I don't want to swap it for another bookshelf.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 13
u = "aarav_martin_9556"
add(13, u, "Order help", """
I'm Aarav Martin, zip code 92143. I have a question about my tea kettle order that I'd rather go through with a real person. Please transfer me to a human agent, I don't want to deal with an automated system for this one.
""", disposition="escalate", tags=["asks_for_human", "handoff", "no_order_id"])

# 14
u, o1, o2 = "daiki_silva_1055", "#W7554560", "#W8393353"
add(14, u, "Order help", """
I'm Daiki Silva, my email is daiki.silva5143@example.com. Only questions today, I don't want anything changed. What is the tracking number for the package with my two tea kettles and the garden hose? My dumbbell order was cancelled a while back - how much was refunded to me for it? And what's the current balance on my gift card?
""", facts=[tracking(o1), total(o2), balance(u, pm(u, "gift_card"))],
    tags=["tracking", "info", "question", "multi", "no_order_id"])

# 15
u, o1, o2 = "juan_nguyen_7430", "#W9537685", "#W2430890"
s = [swap(o1, "Mechanical Keyboard", {"switch type": "clicky"})]
ids = item_ids(o2, "Smart Watch")
add(15, u, "Order help", """
I'm Juan Nguyen, zip code 85099. The keyboard in order #W9537685 hasn't shipped, and I'd like the clicky switches instead of tactile, nothing else different. Also I want to return the gold smart watch I received with the hiking boots, I keep the boots. Use my mastercard for both. I'm a bit busy so please do it all in one go.
""", actions=[modify_items(o1, s, pm(u, "credit_card")),
              return_items(o2, ids, pm(u, "credit_card"))],
    tags=["modify_items", "return", "multi"])

# 16
u, o = "emma_ito_4529", "#W8664580"
visa = pm(u, "credit_card", brand="visa")
s = [swap(o, "Water Bottle", {"color": "red"})]
add(16, u, "Order help", """
I'm Emma Ito, zip code 19022. On my water bottle order that's still pending, two changes: I'd like to pay with my Visa card rather than PayPal, and I want the bottle in red instead of blue, same 1000ml stainless steel. Any difference back to the Visa. If the agent asks which order, it's the one with just the bottle, not the coffee maker.
""", actions=[payment(o, visa), modify_items(o, s, visa)],
    tags=["payment", "modify_items", "multi", "no_order_id"])

# 17
u, o = "harper_khan_9597", "#W8073958"
mc = pm(u, "credit_card")
s = [swap(o, "Action Camera", {"waterproof": "yes"})]
add(17, u, "Order help", """
I'm Harper Khan, my email is harper.khan1177@example.com. My open order with the digital camera, the earbuds, the air purifier and the action camera is set to ship to an old San Diego address. Please send it to my default address in Philadelphia instead. I also want to stop using my gift card for it and pay with my Mastercard. And the action camera should be the waterproof version, the rest of it unchanged. Any price difference on the camera goes to the Mastercard as well. Nothing else in that order changes.
""", actions=[order_address(o, default_address(u)), payment(o, mc), modify_items(o, s, mc)],
    tags=["address", "payment", "modify_items", "multi", "reference", "no_order_id"])

# 18
u, o1, o2, o3 = "james_johnson_9321", "#W7836908", "#W1006327", "#W3723163"
s = [swap(o2, "Action Camera", {"resolution": "4K"})]
add(18, u, "Order help", """
I'm James Johnson, zip code 60625. I have two pending orders. Cancel the cheaper of the two, I ordered it by mistake. For the other one (the one with the wristwatch), ship it to the same Philadelphia address my wall clock order is going to, I'll be staying there for a while. And in that order, switch the action camera to the 4K one, keeping it waterproof and black. Refunds to my Visa.
""", actions=[cancel(o1, "ordered by mistake"), order_address(o2, address_of(o3)),
              modify_items(o2, s, pm(u, "credit_card"))],
    tags=["cancel", "address", "modify_items", "multi", "reference", "no_order_id"])

# 19
u, o1, o2 = "evelyn_lee_1924", "#W2015099", "#W3181060"
ids = item_ids(o1, "Desk Lamp")
s = [swap(o2, "Mechanical Keyboard", {"size": "80%"})]
add(19, u, "Order help", """
I'm Evelyn Lee, zip code 20122. I'd like to return the desk lamp that was deliverd to San Diego, refund to paypal please. Then the keyboard I got at home is too wide for my desk, so exchange it for the 80% size, still clicky and RGB. Paypal for that one too. Can you tell me what the refund for the lamp will be?
""", actions=[return_items(o1, ids, pm(u, "paypal")), exchange(o2, s, pm(u, "paypal"))],
    facts=[refund(o1, ids)],
    tags=["return", "exchange", "question", "multi", "typos", "no_order_id"])

# 20
u, o = "isabella_thomas_4211", "#W1770559"
add(20, u, "Order help", """
I'm Isabella Thomas, my email is isabella.thomas1701@example.com. My espresso machine is going to Los Angeles, but I don't live there anymore. I need it sent to my home in Charlotte, the address on my account. Also send me its tracking number so I can follow it.
""", facts=[tracking(o)],
    tags=["refusal", "wrong_state", "tracking", "question", "multi", "no_order_id"])

# 21
u, o = "mason_ahmed_2061", "#W2101159"
s = [swap(o, "Luggage Set", {"piece count": "4-piece"}),
     swap(o, "Desk Lamp", {"power source": "AC adapter"})]
add(21, u, "Order help", """
I'm Mason Ahmed, zip code 78739. From my order with the grill I want two exchanges: the red hardshell luggage set should be the 4-piece one instead of the 2-piece, same color and shell, and the black desk lamp should run off an AC adapter instead of USB. Everything else I keep. Put the difference on my gift card. How much is it?
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 22
u, o = "juan_garcia_9528", "#W1013897"
add(22, u, "Order help", """
im Juan Garcia, zip code 75253. cancel my order W1013897 with the kettle and the water bottle, i ordered it by mistake. how much goes back on my gift card?
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question", "typos"])

# 23
u, o1, o2 = "liam_muller_2178", "#W9486384", "#W9827806"
s = [swap(o1, "Smartphone", {"RAM": "8GB"}, free=("screen size",))]
ids = item_ids(o2, "Wireless Earbuds")
add(23, u, "Order help", """
I'm Liam Muller, zip code 32250. My phone (the black 128GB one that came with the yoga mat) is slow, I want to exchange it for the 8GB RAM model, still black and still 128GB. I don't care about the screen size. Also return the blue earbuds that came with the espresso machine. Everything goes through my Visa.
""", actions=[exchange(o1, s, pm(u, "credit_card")),
              return_items(o2, ids, pm(u, "credit_card"))],
    tags=["exchange", "return", "multi", "no_order_id"])

# 24
u, o = "aarav_davis_5411", "#W6552785"
s = [swap(o, "T-Shirt", {"size": "L"}, free=("style",)),
     swap(o, "Desk Lamp", {"power source": "USB"})]
add(24, u, "Order help", """
I'm Aarav Davis, my email is aarav.davis2239@example.com. About order #W6552785: the red XXL tee is way too big and the lamp's cord doesn't reach my desk. Exchange the t-shirt for a size L in red cotton - if there's no crew neck in L, a v-neck is fine. And swap the white lamp for the USB-powered version with the same high brightness. I'm keeping the espresso machine. Charge my Visa, not PayPal, and tell me how much extra it is.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "T-Shirt", {"size": "L"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question"])
