"""people_briefs4, part b: see briefs4a_cases.py for the set's description.

Cases 25-48, one per user of the pool in order, each e-mail written by hand after reading that
user's orders in data/retail.
"""
from labels import (address, all_items, available, balance, brief_adder, cancel, default_address,
                    difference, exchange, item_ids, modify_items, order_address, payment, pm,
                    refund, return_items, status_is, swap, total, tracking, user_address)

CASES = []

add = brief_adder("people-briefs4", CASES)


# 25
u, o1, o2 = "juan_smith_5229", "#W1429524", "#W7546247"
s = [swap(o2, "Grill", {"size": "large"})]
add(25, u, "Order help", """
I'm Juan Smith, zip code 75218. I have two orders that haven't shipped yet and I want to fix both of them. On the cheaper of the two, I don't want it charged to my gift card anymore, move the payment to my PayPal. On the other one, the grill is the medium electric with rotisserie; I want the large size instead, still electric with rotisserie, and the difference goes on PayPal too. How much more is the large grill going to cost me? If the agent asks whether anything else in that order should change, say no, the lamp and the chair stay as they are.
""", actions=[payment(o1, pm(u, "paypal")), modify_items(o2, s, pm(u, "paypal"))],
    facts=[difference(o2, s)],
    tags=["payment", "modify_items", "multi", "question", "no_order_id"])

# 26
u, o1, o2 = "juan_brown_8562", "#W4960069", "#W3611574"
ids = all_items(o1, "Office Chair")
add(26, u, "Order help", """
I'm Juan Brown, zip code 75347. For order W4960069 I'm keeping the office chair and sending back everything else that came in it. Put the refund back on the Visa I used. Tell me the total I'll get back. Also, my other order with the two espresso machines still isn't here, so what's its tracking number?
""", actions=[return_items(o1, ids, pm(u, "credit_card", brand="visa"))],
    facts=[refund(o1, ids), tracking(o2)],
    tags=["return", "exclusion", "reference", "multi", "question", "tracking"])

# 27
u, o = "mia_taylor_6226", "#W2579604"
add(27, u, "Order help", """
I'm Mia Taylor, zip code 78257. I placed an order with a thermostat, a bookshelf, a bike helmet, a kettle and a dumbbell set and I want to cancel it, I ordered it by mistake. If the agent says it can't be cancelled anymore because it's already on its way, then I want the tracking number for it, and also how much is still left on my gift card. I am not interested in returning anything for now.
""", facts=[status_is(o, "processed"), tracking(o), balance(u, pm(u, "gift_card"))],
    tags=["refusal", "wrong_state", "conditional", "multi", "tracking", "question", "no_order_id"])

# 28
u, o = "omar_anderson_5940", "#W2091016"
s = [swap(o, "Hiking Boots", {"size": "12", "material": "leather"})]
add(28, u, "Order help", """
I'm Omar Anderson, zip code 85011. My order #W2091016 should go to my new place: 2716 Mesquite Road, Apt 12, Tucson, AZ 85719. Also the hiking boots in there are size 11 and I need a size 12. I'd like the same synthetic waterproof kind, but if the synthetic waterproof ones aren't in stock in 12, take the leather waterproof ones in 12. Use my PayPal for any difference. Nothing else in that order changes.
""", actions=[order_address(o, address("2716 Mesquite Road", "Apt 12", "Tucson", "AZ", "85719")),
              modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Hiking Boots", {"size": "12"}, False)],
    tags=["address", "modify_items", "multi", "conditional"])

# 29
u, o = "omar_taylor_1594", "#W4928532"
s = [swap(o, "Cycling Helmet", {"size": "M"})]
add(29, u, "Order help", """
I'm Omar Taylor, zip code 95112. I got my white bike helmet but it's too tight, so I want to exchange it for one size up. Keep everything else the same: white, low ventilation. I don't remember the order id. The difference goes on my mastercard. What is the difference in price?
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 30
u, o = "emma_nguyen_5878", "#W5809689"
add(30, u, "Order help", """
I'm Emma Nguyen, zip code 75302. My tea kettle order is going to an old San Francisco address, please ship it to my default address instead. I also want to pay for it with my gift card rather than the mastercard. If the gift card balance doesn't cover the whole order, leave the payment as it is and just tell me what the balance is.
""", actions=[order_address(o, default_address(u))], facts=[balance(u, pm(u, "gift_card"))],
    tags=["address", "reference", "refusal", "multi", "question", "no_order_id"])

# 31
u, o1, o2 = "aarav_anderson_8794", "#W3470184", "#W9300146"
ids = all_items(o1, "Water Bottle", "Bookshelf")
add(31, u, "Order help", """
I'm Aarav Anderson, zip code 19031. Two requests. I have a delivered order with three pairs of blue earbuds, a water bottle and a black glass bookshelf. Return all three pairs of earbuds, I'm keeping the bottle and the bookshelf; refund to my gift card. How much will that be? And cancel my pending order with just the black desk lamp, I ordered it by mistake.
""", actions=[return_items(o1, ids, pm(u, "gift_card")), cancel(o2, "ordered by mistake")],
    facts=[refund(o1, ids)],
    tags=["return", "cancel", "exclusion", "multi", "question", "no_order_id"])

# 32
u, o = "emma_lopez_8196", "#W4686509"
add(32, u, "Order help", """
I'm Emma Lopez, zip code 80236. I moved. Please update the address on my account to 1187 Spruce Street, Unit 3B, Denver, CO 80218. My order with the hiking boots and the bike helmet is going to an old Washington DC address: send it to the new one too. If it has already shipped and can't be changed, okay, then just update my account.
""", actions=[user_address(u, address("1187 Spruce Street", "Unit 3B", "Denver", "CO", "80218"))],
    facts=[status_is(o, "processed")],
    tags=["user_address", "refusal", "wrong_state", "conditional", "multi", "no_order_id"])

# 33
u, o1, o2 = "harper_lee_2110", "#W8413040", "#W8584917"
s1 = [swap(o1, "Perfume", {"size": "30ml"}),
      swap(o1, "Skateboard", {"length": "31 inch"})]
s2 = [swap(o2, "Wall Clock", {"type": "analog"})]
add(33, u, "Order help", """
I'm Harper Lee, zip code 76157. I got the order with the gas grill and the camera, and two things in it are wrong for me. The men's woody perfume is the big 100ml bottle; I want the smallest bottle of the same scent instead. And the 28 inch maple skateboard with the graphic print should be the 31 inch one, same maple and graphic. Exchange both at once. What will I pay extra for that exchange? Then in my pending order, change the black digital wall clock to the analog one, still black and 14 inches. My gift card covers any differences. If the agent asks, I have nothing else to change.
""", actions=[exchange(o1, s1, pm(u, "gift_card")), modify_items(o2, s2, pm(u, "gift_card"))],
    facts=[difference(o1, s1)],
    tags=["exchange", "modify_items", "multi", "question", "no_order_id"])

# 34
u, o = "raj_kim_8554", "#W5697187"
ids = item_ids(o, "Headphones", "Electric Toothbrush")
add(34, u, "Order help", """
I'm Raj Kim, zip code 32145. I'm returning the white headphones and the electric toothbrush from my last order. I'd like the money on PayPal. If PayPal isn't allowed for this, then put it back on the card I paid with. How much am I getting back?
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "refusal", "reference", "question", "no_order_id"])

# 35
u = "mei_johansson_1199"
add(35, u, "Order help", """
I'm Mei Johansson, zip code 10187. My order #W5009508 was cancelled and I have questions about it that I'd rather go over with a real person. Please transfer me to a human agent. I don't want to do this with an automated assistant.
""", disposition="escalate", tags=["handoff", "asks_for_human"])

# 36
u, o = "omar_lopez_7451", "#W1106948"
add(36, u, "Order help", """
I'm Omar Lopez, zip code 92185. I'm trying to understand what happened with my order with the laptop, the keyboard and the bookshelf. If it really was cancelled, how much was refunded in total, and to what? I'm reluctant to give the order id. If it was cancelled, I don't want to re-order anything right now.
""", facts=[status_is(o, "cancelled"), total(o)],
    tags=["status", "question", "conditional", "no_order_id"])

# 37
u, o = "sofia_hernandez_8513", "#W1090976"
add(37, u, "Order help", """
I'm Sofia Hernandez, zip code 78219. cancel my pending order, the one with the smart watch, luggage, dumbells, speaker and lamp. its no longer needed. how much will come back to my card?
""", actions=[cancel(o, "no longer needed")], facts=[total(o)],
    tags=["cancel", "question", "typos", "no_order_id"])

# 38
u, o = "sophia_smith_8223", "#W6760641"
s = [swap(o, "Bookshelf", {"height": "5 ft"})]
add(38, u, "Order help", """
I'm Sophia Smith, zip code 28204. For my order W6760641: first, take it off my gift card and charge my PayPal account instead. After that, the brown glass bookshelf in it is 4 ft and I want it 5 ft, same brown glass. Any price difference goes through PayPal. Don't touch the kettles, the pet bed or the makeup kit.
""", actions=[payment(o, pm(u, "paypal")), modify_items(o, s, pm(u, "paypal"))],
    tags=["payment", "modify_items", "multi"])

# 39
u, o1, o2 = "aarav_sanchez_9729", "#W4304974", "#W6348442"
s1 = [swap(o1, "Fleece Jacket", {"size": "L", "color": "black"})]
s2 = [swap(o2, "Mechanical Keyboard", {"backlight": "white"}),
      swap(o2, "Jigsaw Puzzle", {"pieces": "1500"})]
add(39, u, "Order help", """
I'm Aarav Sanchez, zip code 77015. My navy fleece jacket (full zip) came in XL and it's too big. Exchange it for an L in navy with full zip; if there's no navy L, I'll take the black one in L with full zip. For the order that hasn't shipped yet, I want to change two things in one go: the clicky full-size keyboard without backlight should be the same but with a white backlight, and the 2000-piece animal puzzle should be the 1500-piece animal one, same intermediate level. Use my mastercard for everything.
""", actions=[exchange(o1, s1, pm(u, "credit_card")), modify_items(o2, s2, pm(u, "credit_card"))],
    facts=[available(o1, "Fleece Jacket", {"size": "L"}, False)],
    tags=["exchange", "modify_items", "multi", "conditional", "no_order_id"])

# 40
u, o = "evelyn_gonzalez_8876", "#W8341134"
s = [swap(o, "Notebook", {"cover type": "hard cover"})]
add(40, u, "Order help", """
I'm Evelyn Gonzalez, zip code 19186. i got my A4 notebook with the soft cover but i really wanted hard cover. can i exchange it for the A4 hard cover one? pay with my paypal. and whats the price diffrence
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "typos", "no_order_id"])

# 41
u, o1, o2 = "yara_li_8961", "#W2497857", "#W3400144"
ids = item_ids(o1, "Smart Watch")
add(41, u, "Order help", """
I'm Yara Li, my email is yara.li6570@example.com. I want to return the gold smart watch from my delivered order; the luggage set I keep. Refund to my PayPal. Also my other order with the laptop hasn't arrived yet, could I have the tracking number?
""", actions=[return_items(o1, ids, pm(u, "paypal"))], facts=[tracking(o2)],
    tags=["return", "multi", "tracking", "question", "no_order_id"])

# 42
u, o = "daiki_kovacs_2546", "#W2259015"
ids = item_ids(o, "Grill")
add(42, u, "Order help", """
I'm Daiki Kovacs, zip code 43196. From order #W2259015 I want to return just the most expensive item, nothing else. The refund goes to PayPal. When the agent wants a confirmation, I say yes. How much will be refunded?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 43
u, o = "lei_gonzalez_5407", "#W7870498"
add(43, u, "Order help", """
I'm Lei Gonzalez, zip code 92105. In my order with the wristwatch, I'd like to change the keyboard with the white backlight to the RGB version. If the agent tells me the order has already shipped and nothing can be changed, I accept that and don't want anything else done.
""", facts=[status_is(o, "processed")],
    tags=["refusal", "wrong_state", "conditional", "no_order_id"])

# 44
u, o1, o2 = "ava_kovacs_8312", "#W9706917", "#W4901434"
s = [swap(o1, "Tablet", {"screen size": "10-inch"})]
ids = item_ids(o2, "Sunglasses")
add(44, u, "Order help", """
I'm Ava Kovacs, zip code 75346. I have two things. The gold tablet I received is the 8-inch; exchange it for the 10-inch, same gold and same 128GB storage. Use the PayPal I paid with for the difference. And from my other delivered order, return the silver sunglasses with the blue lenses and put the money on my gift card. What's the refund for the sunglasses, and what will the tablet exchange cost me or give back?
""", actions=[exchange(o1, s, pm(u, "paypal")), return_items(o2, ids, pm(u, "gift_card"))],
    facts=[difference(o1, s), refund(o2, ids)],
    tags=["exchange", "return", "reference", "multi", "question", "no_order_id"])

# 45
u = "juan_sanchez_8249"
add(45, u, "Order help", """
I'm Juan Sanchez, zip code 20156. My order with the digital camera and the pet bed has said 'processed' forever and I'm fed up. I want a $100 credit for the delay, and I want someone with the authority to approve it, not another scripted answer. Get me a supervisor.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 46
u, o = "daiki_sanchez_3253", "#W9348897"
s = [swap(o, "T-Shirt", {"size": "XL"})]
add(46, u, "Order help", """
I'm Daiki Sanchez, zip code 46236. My pending order is set to ship to Denver, but I want it delivered to my default address in Indianapolis. Also, the black crew neck cotton t-shirt in it is XXL, change it to XL. Pay or refund any difference on my Visa. Do the address first. How much do I get back for the smaller shirt?
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "credit_card"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "reference", "multi", "question", "no_order_id"])

# 47
u, o = "fatima_jackson_2346", "#W5185761"
add(47, u, "Order help", """
I'm Fatima Jackson, zip code 94182. About my pending order with the grill and the backpack: I want the backpack in black instead of grey, same small nylon laptop one. If the black isn't available, cancel the whole order, I no longer need it. In that case tell me how much goes back on my gift card.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Backpack", {"color": "black"}, False), total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 48
u, o1, o2 = "mohamed_li_1979", "#W8844578", "#W8864622"
ids = item_ids(o2, ("Jigsaw Puzzle", {"theme": "landscape"}), ("Jigsaw Puzzle", {"theme": "art"}))
add(48, u, "Order help", """
I'm Mohamed Li, my email is mohamed.li8414@example.com. Please cancel order #W8844578, the one with the digital camera, no longer needed. And in my delivered order with the garden hose, I want to return both jigsaw puzzles, refund to PayPal. Tell me both amounts: the cancellation refund and the puzzle refund.
""", actions=[cancel(o1, "no longer needed"), return_items(o2, ids, pm(u, "paypal"))],
    facts=[total(o1), refund(o2, ids)],
    tags=["cancel", "return", "multi", "question"])
