"""people_briefs2: a second set of e-mails written by hand in the style of tau-bench's retail task
briefs (see briefs_cases.py for the style and the README for the split and pool rules).

Each of the 48 e-mails was written one at a time after reading that user's orders in
data/retail: templated requests with option literals, narrative ones, persona remarks and
simulator directions left in the first person, several requests in one text, conditionals,
references, exclusions, superlatives, questions whose answer is a store fact, a handoff and
requests the policy forbids. No text is taken from tau-bench or from the other sets.

THE SPLIT. As in people_briefs: odd case ids (`people-briefs2-001`, `-003`, ...; 24) are for
development and tuning; even ids (24) are HELD OUT: never open them while tuning a rule,
threshold, model or prompt. One case per user; case n is the n-th user of the `briefs2` pool
of `build.py`.

This file is data (48 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel, default_address,
                    difference, exchange, item_ids, modify_items, order_address, paid_with,
                    payment, pm, price, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs2", CASES)


# 1
u, o = "mason_johansson_2485", "#W3358610"
add(1, u, "Order help", """
I'm Mason Johansson, zip code 28271. I'm a man of few words and I don't like handing out more details than necessary. Cancel #W3358610, that's the red mountain bike with the blue earbuds. Reason: no longer needed. If the agent wants anything more from me, tell them that's all there is to it.
""", actions=[cancel(o, "no longer needed")], tags=["cancel"])

# 2
u, o1, o2, o3 = "yusuf_taylor_7149", "#W8268610", "#W5690487", "#W2702727"
s = [swap(o3, "Bookshelf", {"height": "6 ft"})]
add(2, u, "Order help", """
I'm Yusuf Taylor, zip code 95154. Two things. My order with just the white USB desk lamp hasn't shipped, and I'd like it sent to the same Washington DC address my toothbrush and bike helmet were delivered to, not to San Jose. Then in the order with the yoga mat, the white glass bookshelf turned out to be too short at 4 ft: make it the 6 ft one, still white glass, and bill my Visa. What will the 6 ft one cost me on top?
""", actions=[order_address(o1, address_of(o2)), modify_items(o3, s, pm(u, "credit_card"))],
    facts=[difference(o3, s)],
    tags=["address", "modify_items", "multi", "reference", "question", "no_order_id"])

# 3
u = "mason_kovacs_7590"
add(3, u, "Order help", """
I'm Mason Kovacs, zip code 98137. I have a pending order, #W6030855, for polarized sunglasses and a black bluetooth speaker that I put on my Mastercard. I'd rather use up my gift card, so please switch the payment on that order to the gift card. If the agent tells me the gift card can't cover it, fine, leave the Mastercard on it and don't change anything else.
""", tags=["refusal"])

# 4
u, o1, o2 = "yusuf_gonzalez_8900", "#W1679211", "#W2806889"
ids = all_items(o1, "Tablet")
add(4, u, "Order help", """
I'm Yusuf Gonzalez, my email is yusuf.gonzalez2399@example.com. From my delivered order #W1679211 I'm sending back everything but the black 7-inch tablet, which I keep. The money goes back to my PayPal, that's what I paid with. How much is that refund going to be? Separately, for #W2806889 (the phone and the tea kettle) I want to pay with PayPal instead of my Mastercard.
""", actions=[return_items(o1, ids, pm(u, "paypal")), payment(o2, pm(u, "paypal"))],
    facts=[refund(o1, ids)], tags=["return", "payment", "exclusion", "multi", "question"])

# 5
u, o1, o2 = "aarav_thomas_2711", "#W9833379", "#W5158064"
s = [swap(o1, "Jigsaw Puzzle", {"theme": "fantasy", "difficulty level": "intermediate"})]
add(5, u, "Order help", """
I'm Aarav Thomas, zip code 32175. The 1000 piece art puzzle I received is rated expert and it's way beyond me. If there's a 1000 piece art puzzle at beginner level available, exchange mine for that; if not, exchange it for the 1000 piece fantasy one at intermediate level. My gift card is the only way I pay, so use it. And cancel my pending order with the espresso machine, the wristwatch and the blue helmet, I ordered it by mistake.
""", actions=[exchange(o1, s, pm(u, "gift_card")), cancel(o2, "ordered by mistake")],
    facts=[available(o1, "Jigsaw Puzzle", {"difficulty level": "beginner"}, False)],
    tags=["exchange", "cancel", "multi", "conditional", "no_order_id"])

# 6
u, o = "ethan_muller_6097", "#W4683557"
s = [swap(o, "Vacuum Cleaner", {"bagged/bagless": "bagless", "features": "HEPA filter"}),
     swap(o, "Tea Kettle", {"capacity": "2 liters"})]
add(6, u, "Order help", """
I'm Ethan Muller, zip code 98128. For #W4683557, change the upright Vacuum Cleaner {'features': 'pet hair removal', 'bagged/bagless': 'bagged'} to {'features': 'HEPA filter', 'bagged/bagless': 'bagless'} (still upright), and the glass electric Tea Kettle {'capacity': '1 liter'} to {'capacity': '2 liters'}. Pay with my visa. Nothing else in that order changes.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items"])

# 7
u, o = "sophia_lee_8294", "#W7366745"
ids = all_items(o, "Grill")
add(7, u, "Order help", """
I'm Sophia Lee, zip code 78254. We moved into an apartment and I'm keeping only the charcoal grill from order #W7366745. The e-reader and the brown sunglasses go back. I paid with PayPal but I'd like the refund on my gift card this time. I also want to know the sum I'm getting back, please.
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question"])

# 8
u, o = "yara_moore_6466", "#W1605168"
s = [swap(o, "Gaming Mouse", {"sensor type": "optical", "connectivity": "wired"}),
     swap(o, "Dumbbell Set", {"weight range": "55-75 lbs"})]
add(8, u, "Order help", """
I'm Yara Moore, zip code 92162. first, in the delivered order that has the dumbells and the white glass bookshelf, I want to exchange the black laser mouse for the black optical one (wired is fine), and the 30-50 lbs iron fixed dumbbell set for the 55-75 lbs, also iron and fixed. Charge or refund my mastercard for the difference. second, cancel my order with the silver smart watch and the gold tablet, I don't need it anymore. If the agent says that one can't be cancelled, I accept it, just do the exchange.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[status_is("#W5791782", "processed")],
    tags=["exchange", "refusal", "wrong_state", "multi", "conditional", "typos", "no_order_id"])

# 9
u, o1, o2 = "olivia_jackson_1219", "#W2090453", "#W6975922"
add(9, u, "Order help", """
I'm Olivia Jackson, my email is olivia.jackson2465@example.com. Regarding #W2090453, the espresso machine and glass bookshelf order: it's set to go to Washington DC but I'm not there anymore, so redirect it to my home address in San Jose, the one on my profile. Regarding #W6975922, cancel it: ordered by mistake.
""", actions=[order_address(o1, default_address(u)), cancel(o2, "ordered by mistake")],
    tags=["address", "cancel", "multi"])

# 10
u, o = "sofia_davis_2103", "#W2541482"
add(10, u, "Order help", """
I'm Sofia Davis, zip code 98151. My order #W2541482 (red luggage set, laptop, tea kettle, espresso machine) hasn't shipped and I want it cancelled because I no longer need it. It went on my gift card; tell me the full amount that goes back onto it.
""", actions=[cancel(o, "no longer needed")], facts=[total(o)],
    tags=["cancel", "question"])

# 11
u, o = "sophia_hernandez_2054", "#W1326557"
new = address("4410 Camp Bowie Blvd", "Apt 12", "Fort Worth", "TX", "76107")
add(11, u, "Order help", """
I'm Sophia Hernandez, zip code 76197. I moved within Fort Worth. My profile address should now be 4410 Camp Bowie Blvd, Apt 12, Fort Worth, TX 76107; please don't touch the addresses on any orders. Also I'd like to return the red stainless steel water bottle that was delivered to Washington DC, with the refund to my gift card.
""", actions=[user_address(u, new), return_items(o, item_ids(o, "Water Bottle"), pm(u, "gift_card"))],
    tags=["user_address", "return", "multi", "no_order_id"])

# 12
u, o1, o2 = "amelia_rossi_5121", "#W8255453", "#W5100317"
add(12, u, "Order help", """
I'm Amelia Rossi, my email is amelia.rossi1299@example.com. Pending order #W8255453 (laptop and t-shirt) was paid with my gift card; move it to my Visa ending 9402 instead. I'm also waiting on my black tablet, order #W5100317 — what's its tracking number?
""", actions=[payment(o1, pm(u, "credit_card"))], facts=[tracking(o2)],
    tags=["payment", "tracking", "question", "multi"])

# 13
u, o = "sophia_wilson_7936", "#W8209112"
ids = item_ids(o, "Water Bottle", "LED Light Bulb")
add(13, u, "Order help", """
I'm Sophia Wilson, zip code 78775. My order that was delivered to San Francisco had five items. I'd like to return the two cheapest ones in it and keep the other three. Refund to the Mastercard I paid with. Could you also tell me what the refund for those two adds up to?
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "reference", "question", "no_order_id"])

# 14
u, o = "sofia_rossi_8776", "#W5918442"
s = [swap(o, "Action Camera", {"color": "black"}, where={"resolution": "4K"})]
add(14, u, "Order help", """
I'm Sofia Rossi, zip code 78784. I have a pending order with a perfume, a skateboard and two silver waterproof action cameras. Of the two cameras, I want the cheaper one changed to black, same resolution and still waterproof. The pricier camera stays silver. Mastercard for the difference, and let me know what the difference is.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "reference", "question", "no_order_id"])

# 15
u, o = "yusuf_khan_7091", "#W1787190"
s = [swap(o, "Headphones", {"color": "black"}),
     swap(o, "Perfume", {"size": "30ml"})]
add(15, u, "Order help", """
I'm Yusuf Khan, zip code 75313. I'm in a hurry so I'll be brief. In #W1787190 the blue in-ear wireless headphones should be red in-ear wireless instead; if red isn't available, make them black in-ear wireless. The women's woody perfume should be 30ml rather than 50ml. Paypal covers the difference, and I need the net amount I'll pay or get back.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Headphones", {"color": "red"}, False), difference(o, s)],
    tags=["modify_items", "conditional", "question"])

# 16
u, o = "lei_hernandez_8500", "#W6146740"
s = [swap(o, "Hiking Boots", {"size": "11"}),
     swap(o, "Wall Clock", {"diameter": "14 inches"})]
add(16, u, "Order help", """
I'm Lei Hernandez, my email is lei.hernandez7247@example.com. Out of order #W6146740, the one with the laptop, I'd like to exchange two things: the leather boots in size 12 for size 11 (still leather, not waterproof), and the black 10 inch analog wall clock for the 14 inch one in black analog. My gift card is what I pay with. Tell me whether money comes back to me or I owe money, and how much.
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 17
u, o1, o2 = "evelyn_patel_8882", "#W3561024", "#W6385395"
s = [swap(o2, "Fleece Jacket", {"size": "L"})]
add(17, u, "Order help", """
I'm Evelyn Patel, my email is evelyn.patel2010@example.com. My order with the air purifier, dumbbells, luggage and camera is heading to Los Angeles; I want it to come to my Charlotte address on file instead. In my other open order, the red half-zip fleece jacket is a size S and too tight: change it to M in the same red half zip, or if there isn't an M like that, to L. Any extra goes on PayPal.
""", actions=[order_address(o1, default_address(u)), modify_items(o2, s, pm(u, "paypal"))],
    facts=[available(o2, "Fleece Jacket", {"size": "M"}, False)],
    tags=["address", "modify_items", "multi", "conditional", "no_order_id"])

# 18
u = "raj_kovacs_9859"
add(18, u, "Order help", """
I'm Raj Kovacs, zip code 10231. I'd like to send back the black french press coffee maker I got. I closed my PayPal a while ago, so I want the refund on my American Express card instead. If it can only go back to PayPal, don't process the return, I'd rather keep the coffee maker.
""", tags=["refusal", "no_order_id"])

# 19
u, o = "daiki_silva_5033", "#W6564160"
s = [swap(o, "Luggage Set", {"piece count": "4-piece"}),
     swap(o, "Bluetooth Speaker", {"color": "red"})]
add(19, u, "Order help", """
I'm Daiki Silva, zip code 28268. For #W6564160, exchange Luggage Set {'piece count': '2-piece'} to {'piece count': '4-piece'} (keep red hardshell) and Bluetooth Speaker {'color': 'green'} to {'color': 'red'} (keep 20 hours, water resistant); via paypal_2233507. If the agent asks for confirmation, say yes. I'd also like to hear how much gets refunded.
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 20
u, o1, o2 = "mia_thomas_4629", "#W5208989", "#W6872071"
ids = item_ids(o2, "LED Light Bulb", "Pet Bed")
add(20, u, "Order help", """
I'm Mia Thomas, zip code 60654. My order W5208989 with the hiking boots, the grey backpack and the puzzle hasn't shipped; please cancel it, I ordered it by mistake. And from the big delivery with the grill and the espresso machine, I'm returning the daylight smart bulb and the small grey pet bed. My cat won't sleep in it. Refunds to PayPal, which is what I used.
""", actions=[cancel(o1, "ordered by mistake"), return_items(o2, ids, pm(u, "paypal"))],
    tags=["cancel", "return", "multi"])

# 21
u, o = "mei_gonzalez_4785", "#W2052757"
s = [swap(o, "Notebook", {"size": "A4"}),
     swap(o, "Gaming Mouse", {"sensor type": "optical"})]
add(21, u, "Order help", """
I'm Mei Gonzalez, my email is mei.gonzalez8775@example.com. I want to pay for my pending order (the one with the gas grill and the red mesh chair) with my Visa card rather than PayPal. Once that's done, change two items in it: the soft cover notebook from A5 to A4, still soft cover, and the white wireless mouse from laser to optical, still white and wireless. The Visa pays the difference. That's every change I need.
""", actions=[payment(o, pm(u, "credit_card")), modify_items(o, s, pm(u, "credit_card"))],
    tags=["payment", "modify_items", "multi", "no_order_id"])

# 22
u, o1, o2 = "ava_johnson_5052", "#W7843431", "#W2317937"
add(22, u, "Order help", """
I'm Ava Johnson, zip code 92171. Just two questions, I don't want anything changed. How much did I get back for the order with the espresso machine that got cancelled? And my order with the luggage set, boots, patio umbrella and pet bed: what's the tracking number?
""", facts=[total(o1), tracking(o2)], tags=["info", "tracking", "question", "no_order_id"])

# 23
u, o1, o2 = "lei_ahmed_1705", "#W9132840", "#W6724985"
s = [swap(o1, "Cycling Helmet", {"ventilation": "high"}, where={"size": "L"})]
add(23, u, "Order help", """
I'm Lei Ahmed, zip code 19128. There are two bike helmets in my order with the bamboo skateboard. Take the more expensive one and change it to high ventilation, same size and color. The other helmet stays as it is. Use my Mastercard. Also cancel my pending order that has just the white glass bookshelf and the green water bottle, I no longer need it.
""", actions=[modify_items(o1, s, pm(u, "credit_card")), cancel(o2, "no longer needed")],
    tags=["modify_items", "cancel", "multi", "reference", "no_order_id"])

# 24
u, o = "lei_patel_5376", "#W4172216"
s = [swap(o, "Skateboard", {"length": "31 inch"})]
add(24, u, "Order help", """
I'm Lei Patel, zip code 98119. I'm staying with my sister for a couple of months so my order #W4172216 shouldn't go to Elm Avenue. Ship it to 1500 Westlake Ave N, Apt 3B, Seattle, WA 98109. And I'd like the maple skateboard in it to be 31 inch instead of 34, same graphic design. Put it on my Mastercard. Toothbrush, dumbbells and headphones stay.
""", actions=[order_address(o, address("1500 Westlake Ave N", "Apt 3B", "Seattle", "WA", "98109")),
              modify_items(o, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi"])

# 25
u, o1, o2 = "yara_lee_7701", "#W1341845", "#W3320020"
s1 = [swap(o1, "Mechanical Keyboard", {"size": "80%", "backlight": "white"})]
s2 = [swap(o2, "Hiking Boots", {"waterproof": "yes"})]
add(25, u, "Order help", """
I'm Yara Lee, zip code 77243. The 60% tactile keyboard with RGB lighting that was delivered to Fort Worth is too cramped. I'd like to exchange it for an 80% tactile one with RGB; if the 80% tactile doesn't come with RGB, the white backlight is fine. Settle the difference on the card that order was paid with. Also, in my pending order with the red leather chair, switch the size 10 synthetic hiking boots to the waterproof version, same size and material, and charge my Mastercard for that.
""", actions=[exchange(o1, s1, paid_with(o1)), modify_items(o2, s2, pm(u, "credit_card", brand="mastercard"))],
    facts=[available(o1, "Mechanical Keyboard", {"size": "80%"}, False)],
    tags=["exchange", "modify_items", "multi", "conditional", "reference", "no_order_id"])

# 26
u, o1, o2 = "olivia_brown_4616", "#W8033354", "#W2912153"
s = [swap(o2, "Desk Lamp", {"power source": "USB"})]
add(26, u, "Order help", """
I'm Olivia Brown, zip code 43118. I ended up with two size L bike helmets in the order with the air purifier and the smart watch. I want to return the cheaper one of the two and keep the other. Separately, the white battery-powered desk lamp that came with the electric kettle eats batteries: exchange it for the white USB one with the same high brightness. Use my Visa for both the refund and any charge, and tell me what the lamp exchange costs.
""", actions=[return_items(o1, item_ids(o1, ("Cycling Helmet", {"color": "white"})), pm(u, "credit_card")),
              exchange(o2, s, pm(u, "credit_card"))],
    facts=[difference(o2, s)],
    tags=["return", "exchange", "multi", "reference", "question", "no_order_id"])

# 27
u, o = "olivia_garcia_4691", "#W3279695"
s = [swap(o, "Garden Hose", {"material": "latex"})]
add(27, u, "Order help", """
I'm Olivia Garcia, my email is olivia.garcia6676@example.com. Order #W3279695 should be delivered to my work address instead of home: 1200 Riverplace Blvd, Suite 105, Jacksonville, FL 32207. Also the black 50ft vinyl garden hose in it should be the black 50ft latex one. Take the extra from my gift card, there's enough on it.
""", actions=[order_address(o, address("1200 Riverplace Blvd", "Suite 105", "Jacksonville", "FL", "32207")),
              modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi"])

# 28
u, o1, o2 = "olivia_smith_8953", "#W3794101", "#W1348609"
s = [swap(o1, "Cycling Helmet", {"ventilation": "high"})]
add(28, u, "Order help", """
I'm Olivia Smith, zip code 32177. Im riding a lot in the heat now so the blue helmet I got (size M, low ventilation) is too warm. Exchange it for the same blue M helmet with high ventilation, paypal for the diffrence. And please cancel #W1348609 with the bicycle, perfume, skateboard and camera, I no longer need any of it.
""", actions=[exchange(o1, s, pm(u, "paypal")), cancel(o2, "no longer needed")],
    tags=["exchange", "cancel", "multi", "typos"])

# 29
u = "mason_lopez_8519"
add(29, u, "Order help", """
I'm Mason Lopez, zip code 28221. I've been a customer for years and the last two deliveries were handled badly. I'm not going to explain it all again to an automated system. I want a real person from your team to contact me. Don't change or cancel any of my orders in the meantime.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 30
u, o = "liam_anderson_5973", "#W1544028"
ids = all_items(o)
add(30, u, "Order help", """
I'm Liam Anderson, my email is liam.anderson5932@example.com. The order I paid for with PayPal, the one with the wristwatch and the animal puzzle, is going back in full. Refund it to PayPal. How much will that be?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "reference", "question", "no_order_id"])

# 31
u = "yusuf_patel_7767"
add(31, u, "Order help", """
I'm Yusuf Patel, zip code 94117. I need to cancel my order with the laptop, the red leather office chair, the red in-ear headphones and the black fleece jacket; I no longer need it. If you tell me it's too late to cancel, then leave it alone, I'll sort it out once it arrives.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 32
u, o = "james_wilson_1842", "#W7826235"
s = [swap(o, "Bookshelf", {"height": "6 ft"}, where={"height": "3 ft"})]
add(32, u, "Order help", """
I'm James Wilson, zip code 80224. I received two white glass bookshelves. The shorter one doesn't fit my needs. If you have the same white glass bookshelf at 4 ft, exchange the short one for it; if the 4 ft isn't available, exchange it for the 6 ft instead. Leave the other bookshelf and the t-shirt alone. My Mastercard pays or gets refunded, and please tell me the difference.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Bookshelf", {"height": "4 ft"}, False, where={"height": "3 ft"}),
           difference(o, s)],
    tags=["exchange", "conditional", "reference", "question", "no_order_id"])

# 33
u, o1, o2 = "aarav_gonzalez_5113", "#W6979932", "#W9160732"
s = [swap(o1, "Action Camera", {"resolution": "4K"})]
add(33, u, "Order help", """
I'm Aarav Gonzalez, zip code 78268. Order #W6979932: the 5K action camera is more than I need, make it the 4K, silver and waterproof like before, with the difference back to my PayPal. Order #W9160732: cancel the whole thing, I placed it by mistake. Those are my only two requests.
""", actions=[modify_items(o1, s, pm(u, "paypal")), cancel(o2, "ordered by mistake")],
    tags=["modify_items", "cancel", "multi"])

# 34
u, o1, o2 = "ethan_smith_9087", "#W6711349", "#W6731310"
s = [swap(o1, "Portable Charger", {"capacity": "20000mAh", "output": "USB-C"})]
add(34, u, "Order help", """
I'm Ethan Smith, my email is ethan.smith2338@example.com. In my pending order with the digital camera, I want a bigger power bank: switch the white 5000mAh USB-A portable charger to the white 20000mAh with USB-C. PayPal for the extra. And the order that has only the white glass electric kettle - cancel it, no longer needed. How much is the charger change going to cost?
""", actions=[modify_items(o1, s, pm(u, "paypal")), cancel(o2, "no longer needed")],
    facts=[difference(o1, s)], tags=["modify_items", "cancel", "multi", "question", "no_order_id"])

# 35
u, o = "sophia_jackson_7119", "#W3977493"
ids = item_ids(o, "Water Bottle", "Electric Toothbrush")
add(35, u, "Order help", """
I'm Sophia Jackson, zip code 77035. Order #W3977493 with my laptop came with two green stainless steel water botles and a blue tooth brush. I want to return both botles and the tooth brush, and keep the laptop and the action camera. Refund to my Mastercard. What will the refund be?
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "question", "typos"])

# 36
u, o = "amelia_wilson_4614", "#W3062096"
s = [swap(o, "Jigsaw Puzzle", {"theme": "animals"})]
add(36, u, "Order help", """
I'm Amelia Wilson, zip code 75215. Silly me, the 1000-piece expert art puzzle in my pending order #W3062096 is the exact puzzle I already got delivered last time. Swap the pending one to the 1000-piece expert puzzle with the animals theme. Pay the difference out of my gift card. The t-shirt and the smart watch stay as they are.
""", actions=[modify_items(o, s, pm(u, "gift_card"))], tags=["modify_items"])

# 37
u, o1, o2 = "lucas_martin_7509", "#W5502903", "#W4998173"
add(37, u, "Order help", """
I'm Lucas Martin, zip code 78753. Only questions today, please don't modify anything. My pending order has a 30MP digital camera with 10x zoom and an SD card slot. What is the price of the 30MP camera with 3x zoom and SD card storage? And what's the tracking number for the black plastic water bottle I already received?
""", facts=[price(o1, "Digital Camera", {"zoom": "3x"}), tracking(o2)],
    tags=["info", "tracking", "question", "no_order_id"])

# 38
u, o = "sophia_nguyen_2370", "#W6619432"
new = address("2130 P Street NW", "Apt 7", "Washington", "DC", "20037")
add(38, u, "Order help", """
I'm Sophia Nguyen, my email is sophia.nguyen1498@example.com. New apartment! Please set my default address to 2130 P Street NW, Apt 7, Washington, DC 20037. Also, the green yoga mat that came with my dumbbells isn't for me, I want to return just the mat, with the money going back to PayPal.
""", actions=[user_address(u, new), return_items(o, item_ids(o, "Yoga Mat"), pm(u, "paypal"))],
    tags=["user_address", "return", "multi", "no_order_id"])

# 39
u, o = "juan_kim_6026", "#W2002172"
s = [swap(o, "E-Reader", {"screen size": "8-inch"})]
add(39, u, "Order help", """
I'm Juan Kim, zip code 95120. The 6-inch e-reader from #W2002172 (with my boots, pet bed, hose and helmet) is too small to read on. Exchange it for the 8-inch model, Wi-Fi only, 8GB. Refund or charge PayPal. I'm only exchanging the e-reader. Tell me how much comes back to me.
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 40
u, o = "noah_taylor_8533", "#W2286993"
add(40, u, "Order help", """
I'm Noah Taylor, zip code 85010. Please cancel pending order #W2286993, the electric grill, the skateboard and the portable charger. Reason is ordered by mistake. I paid with my gift card, so that's where the refund should land; how much goes back?
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question"])

# 41
u, o = "liam_thomas_7882", "#W6397299"
s = [swap(o, "Yoga Mat", {"thickness": "5mm", "material": "TPE"}),
     swap(o, "Dumbbell Set", {"material": "urethane"})]
add(41, u, "Order help", """
I'm Liam Thomas, zip code 85049. I'm not a fan of giving out details, so here's everything at once. For #W6397299, exchange Yoga Mat {'thickness': '6mm', 'material': 'natural rubber'} to {'thickness': '5mm', 'material': 'TPE'}, still pink, and Dumbbell Set {'material': 'rubber'} to {'material': 'urethane'}, still 5-25 lbs adjustable. Use the visa I paid that order with. Don't touch anything else.
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange"])

# 42
u, o = "olivia_ahmed_6778", "#W2609687"
s = [swap(o, "Pet Bed", {"size": "large"})]
add(42, u, "Order help", """
I'm Olivia Ahmed, zip code 94152. My pending order with the kettle, pet bed and security camera is going to a Jacksonville address; I want it shipped to my home in San Francisco instead, the address on my account. Also make the small brown polyester pet bed a large one, same material and color. Any refund goes to my Visa. What's the price difference on the bed?
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "credit_card"))],
    facts=[difference(o, s)], tags=["address", "modify_items", "multi", "question", "no_order_id"])

# 43
u, o = "ivan_kim_7727", "#W2493472"
s = [swap(o, "Vacuum Cleaner", {"bagged/bagless": "bagless"}),
     swap(o, "Smart Watch", {"display": "AMOLED"})]
add(43, u, "Order help", """
I'm Ivan Kim, zip code 60636. My pending order with the laptop (the one coming to Chicago, not the New York one) needs two edits before it ships: the canister vacuum should be bagless instead of bagged, still with pet hair removal, and the gold leather smart watch should have the AMOLED screen instead of LCD. Visa card for whatever the difference is. I also want to hear the net amount, charged or refunded.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "reference", "no_order_id"])

# 44
u, o = "fatima_johnson_7581", "#W8665881"
s = [swap(o, "Action Camera", {"waterproof": "yes"})]
add(44, u, "Order help", """
I'm Fatima Johnson, zip code 78712. I have two pending orders and each has a black action camera. Take the more expensive of the two and change it to the waterproof version, keeping the resolution and color. Put the price difference on my gift card. The other camera and everything else stay the same. How much is the difference?
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "reference", "question", "no_order_id"])

# 45
u, o = "liam_muller_2272", "#W6818211"
add(45, u, "Order help", """
I'm Liam Muller, my email is liam.muller1860@example.com. I got a blue bike helmet together with my laptop in order #W6818211 and I've decided to return the helmet only. That order was paid with my gift card, so refund it there. If the agent offers an exchange instead, no thanks, I just want the return.
""", actions=[return_items(o, item_ids(o, "Cycling Helmet"), pm(u, "gift_card"))],
    tags=["return", "reference"])

# 46
u, o = "evelyn_kovacs_6742", "#W6689278"
add(46, u, "Order help", """
I'm Evelyn Kovacs, zip code 32117. The white plastic electric kettle I ordered is set to ship to San Antonio, which is wrong. Change the shipping address on #W6689278 to my home in Jacksonville, the one saved on my profile. Nothing else needs to change.
""", actions=[order_address(o, default_address(u))], tags=["address"])

# 47
u, o = "sophia_martin_8570", "#W1092119"
add(47, u, "Order help", """
I'm Sophia Martin, zip code 77034. I have a pending order with only a silver softshell luggage set, the one addressed to 592 Elm Avenue. Cancel it, it was ordered by mistake. Keep my other order with the bike and the grill as is. How much will I get refunded?
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question", "reference", "no_order_id"])

# 48
u, o = "harper_brown_7363", "#W1840144"
ids = item_ids(o, "Fleece Jacket")
add(48, u, "Order help", """
I'm Harper Brown, my email is harper.brown3965@example.com. In #W1840144 I got two navy XL half-zip fleece jackets by accident; I want to return both of them and keep the laptop, the lamp and the clock. Refund to PayPal please, that's how I paid. What's the total refund?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "question"])
