"""people_briefs: e-mails written by hand in the style of tau-bench's retail task briefs.

The project is scored on human-written retail task briefs rewritten as one first-person e-mail
each ("I'm <Name>, zip code <zip>. ..."), the style of eval/sets/retail_dev.jsonl. These 48 are
new ones in that style, written one at a time after reading the user's orders: templated
requests with option literals ("exchange Perfume {'size': '30ml'} to {'size': '100ml'}"),
narrative ones, persona remarks and simulator directions left in the first person ("If the
agent asks for the reason, say ..."), several requests in one text, conditionals, references,
exclusions and questions whose answer is a store fact. No text is taken from tau-bench.

THE SPLIT. Odd case ids (`people-briefs-001`, `-003`, ...; 24) are for development and tuning;
even ids (24) are HELD OUT: never open them while tuning a rule, threshold, model or prompt.
One case per user; the users are the briefs pool of `build.py`, taken in its shuffled order
(case n is the pool's n-th user).

This file is data (48 e-mails, each with its label) and so runs past 600 lines.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel, default_address,
                    difference, exchange, item_ids, modify_items, order_address, paid_with,
                    payment, pm, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs", CASES)


# 1
u, o1, o2 = "fatima_brown_5229", "#W9045919", "#W1649831"
s = [swap(o1, "Smart Thermostat", {"compatibility": "Google Assistant"})]
add(1, u, "Order help", """
I'm Fatima Brown, zip code 95187. I have two requests. The smart thermostat that came in my big delivery (the one with the camera and the bike helmet) only works with Alexa, and everything in my house runs on Google. I want to exchange it for the Google Assistant version, still black. Charge any difference to my Visa. Also, I no longer need the dumbbell set that is still pending, so cancel that order. I'd like to know the exact price difference on the thermostat.
""", actions=[exchange(o1, s, pm(u, "credit_card")), cancel(o2, "no longer needed")],
    facts=[difference(o1, s)], tags=["exchange", "cancel", "multi", "no_order_id", "question"])

# 2
u, o = "mia_silva_4504", "#W6319233"
ids = item_ids(o, "Makeup Kit", "Indoor Security Camera")
add(2, u, "Order help", """
I'm Mia Silva, my email is mia.silva2639@example.com. I'm quite impatient, so keep it short. From the order I received (toothbrush, bookshelf, sneakers, makeup kit and a security camera) I want to return the makeup kit and the security camera. The makeup is the wrong shade for me and the camera only connects over Ethernet, which I don't have where I wanted it. Refund to the credit card I paid with. Tell me the total I will get back.
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "no_order_id"])

# 3
u, o = "amelia_gonzalez_4098", "#W1762492"
ids = item_ids(o, "Running Shoes", "Water Bottle")
add(3, u, "Order help", """
I'm Amelia Gonzalez, zip code 80245. I want to return two things from the order that had the wristwatch in it: the yellow running shoes and the green glass water bottle. The shoes pinch my toes and the bottle is smaller than I thought. The refund goes to my gift card, it's the only payment method on my account. I'm keeping the watch and the hiking boots. If the agent asks for the reason, say I no longer need them.
""", actions=[return_items(o, ids, pm(u, "gift_card"))],
    tags=["return", "reference", "no_order_id"])

# 4
u, o = "emma_kim_1076", "#W3698202"
add(4, u, "Order help", """
I'm Emma Kim, my email is emma.kim7876@example.com. My pending order with the charcoal grill and the e-reader is going to an address in Columbus that I don't use anymore. Ship it to the default address on my account (the Indianapolis one) instead. Separately, I sent a smart light bulb to a friend in New York and I want the tracking number for that package.
""", actions=[order_address(o, default_address(u))], facts=[tracking("#W2768383")],
    tags=["address", "tracking", "multi", "reference", "no_order_id", "question"])

# 5
u, o = "mason_wilson_4597", "#W4318885"
add(5, u, "Order help", """
I'm Mason Wilson, zip code 85028. I ordered a tea kettle, a bluetooth speaker, hiking boots and an action camera by mistake - I meant to save the cart for later and hit checkout instead. Please cancel that order, the reason is that it was ordered by mistake. I paid with my gift card and I want to know exactly how much will be put back on it.
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question", "no_order_id"])

# 6
u, o = "ivan_johnson_6036", "#W1671835"
s = [swap(o, "Perfume", {"size": "100ml"})]
add(6, u, "Order help", """
I'm Ivan Johnson, zip code 94183. I'm a private person and won't share more than needed. Exchange Perfume {'size': '30ml'} to {'size': '100ml'}, same woody scent for men; pay or refund the difference through paypal.
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 7
u, o = "liam_nguyen_9081", "#W3919881"
s = [swap(o, "Espresso Machine", {"capacity": "2L"})]
add(7, u, "Order help", """
I'm Liam Nguyen, zip code 95184. The espresso machine I got (19 bar, capsule, 1L) is too small for our office kitchen. I want to exchange it for the 2L version with everything else the same. My gift card doesn't have enough left on it, so charge the difference to my PayPal. The speaker that came with it stays with me.
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 8
u, o = "noah_khan_5763", "#W1483350"
ids = item_ids(o, "Mechanical Keyboard", "Cycling Helmet")
add(8, u, "Order help", """
I'm Noah Khan, my email is noah.khan7453@example.com. First, I want to cancel my order with the smartphone, the smart watch and the t-shirt because I no longer need it. Second, from my earlier delivered order I want to return the mechanical keyboard and the white cycling helmet, refunded to PayPal. If the agent tells me the phone order can't be cancelled anymore, accept it and just go ahead with the return.
""", actions=[return_items(o, ids, pm(u, "paypal"))],
    tags=["return", "refusal", "wrong_state", "multi", "no_order_id"])

# 9
u, o = "mei_moore_8248", "#W2694395"
s = [swap(o, "Bookshelf", {"height": "6 ft"}),
     swap(o, "Wall Clock", {"diameter": "14 inches", "color": "black"})]
add(9, u, "Order help", """
I'm Mei Moore, zip code 90980. My pending order (sunglasses, a watch, a bookshelf and a wall clock) needs two changes before it ships. The white glass bookshelf should be 6 ft tall instead of 5 ft. For the wall clock I want the 14 inch size, still white and analog; if that one doesn't exist, take the 14 inch analog clock in black. Leave the sunglasses and the watch as they are. Use my Visa for the difference, and tell me how much extra it comes to in total.
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Wall Clock", {"diameter": "14 inches"}, False), difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 10
u, o1, o2 = "olivia_lopez_3865", "#W9373487", "#W5481803"
s = [swap(o2, "Electric Kettle", {"capacity": "2L"})]
add(10, u, "Order help", """
I'm Olivia Lopez, my email is olivia.lopez4535@example.com. Two things on my open orders. Cancel the one that's only the blue portable charger, I no longer need it. And in the order with the electric kettle and the hiking boots, change the kettle to the 2L size - same glass, same white. The boots stay as they are. Use my gift card for the kettle difference.
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "gift_card"))],
    tags=["cancel", "modify_items", "multi", "no_order_id"])

# 11
u, o = "mei_davis_8935", "#W1267569"
s = [swap(o, "Headphones", {"connectivity": "wired"}),
     swap(o, "Smart Thermostat", {"compatibility": "Apple HomeKit"})]
add(11, u, "Order help", """
I'm Mei Davis, zip code 80217. I have an order that hasn't shipped with a gaming mouse, headphones, an air purifier, a thermostat and earbuds. Please make two changes: the over-ear headphones should be the wired version instead of wireless (still black), and the smart thermostat should be the Apple HomeKit model instead of the Alexa one, keeping the stainless steel color. Everything else stays. Any difference goes on my Mastercard. I've double checked, those are all the changes.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items", "no_order_id"])

# 12
u, o = "yara_sanchez_9145", "#W6519831"
s = [swap(o, "Dumbbell Set", {"weight range": "55-75 lbs", "material": "urethane"})]
add(12, u, "Order help", """
I'm Yara Sanchez, zip code 43097. The adjustable iron dumbbell set (30-50 lbs) that was delivered to my San Jose address has gotten too light for me. I want to exchange it for the 55-75 lbs range, iron and adjustable. If the iron one isn't offered in that range, the urethane adjustable 55-75 lbs set is fine. Nothing else in that order changes; use my Visa for the difference.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Dumbbell Set", {"weight range": "55-75 lbs"}, False)],
    tags=["exchange", "conditional", "reference", "no_order_id"])

# 13
u, o = "omar_khan_2363", "#W2421430"
ids = all_items(o, "Digital Camera")
add(13, u, "Order help", """
I'm Omar Khan, my email is omar.khan3563@example.com. In my delivered order with the perfume and the yoga mat, I want to return every item except the digital camera. Refund to the original payment method. I want to know the total amount I'd get back.
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 14
u, o = "harper_santos_8115", "#W6629830"
add(14, u, "Order help", """
I'm Harper Santos, zip code 46237. I have a pending order with a toothbrush, perfume, a pet bed, a digital camera and a wall clock that's addressed to Charlotte, NC. I moved back home, so it should go to the address on my account in Indianapolis. Also switch that order's payment from PayPal to my Visa card.
""", actions=[order_address(o, default_address(u)), payment(o, pm(u, "credit_card"))],
    tags=["address", "payment", "multi", "reference", "no_order_id"])

# 15
u, o = "lei_li_6575", "#W3189752"
s = [swap(o, "Electric Kettle", {"color": "black"}),
     swap(o, "Office Chair", {"color": "gray", "armrest": "fixed"})]
add(15, u, "Order help", """
I'm Lei Li, my email is lei.li8350@example.com. For #W3189752, change the payment from paypal to my visa card. For #W3189752, also change the 1L glass Electric Kettle {'color': 'white'} to {'color': 'black'}, and Office Chair {'color': 'black', 'armrest': 'adjustable'} to {'color': 'gray', 'armrest': 'fixed'} (keep it leather and high-back); the visa card pays the price difference too. No other changes to that order.
""", actions=[payment(o, pm(u, "credit_card")), modify_items(o, s, pm(u, "credit_card"))],
    tags=["payment", "modify_items", "multi"])

# 16
u, o = "ava_silva_4632", "#W6805991"
add(16, u, "Order help", """
I'm Ava Silva, zip code 76109. My pending order has a jigsaw puzzle and a 19 bar manual espresso machine. I'd rather have a 15 bar machine with the same 1L capacity, but capsule type. If that exact machine isn't available, don't change anything, just cancel the whole order because I no longer need it.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Espresso Machine", {"pressure": "15 bar", "type": "capsule"}, False)],
    tags=["cancel", "conditional", "no_order_id"])

# 17
u, o1, o2 = "ethan_moore_3587", "#W6353188", "#W7584328"
s = [swap(o2, "Backpack", {"color": "grey"})]
add(17, u, "Order help", """
I'm Ethan Moore, zip code 90651. I bought a men's woody perfume that was delivered on its own and I want to return it, it's way too strong for me. Refund to my Visa. Also, the navy backpack in my pending order: switch it to the same small nylon laptop backpack in grey. Put any difference on the Visa too.
""", actions=[return_items(o1, item_ids(o1, "Perfume"), pm(u, "credit_card")),
              modify_items(o2, s, pm(u, "credit_card"))],
    tags=["return", "modify_items", "multi", "no_order_id"])

# 18
u, o = "ethan_lopez_6291", "#W6426438"
s = [swap(o, "Wristwatch", {"dial color": "black"}),
     swap(o, "Bookshelf", {"height": "5 ft"})]
add(18, u, "Order help", """
I'm Ethan Lopez, my email is ethan.lopez8943@example.com. I'm a busy person, so this is everything at once. In my pending order with the skateboard, the wristwatch, the bookshelf and the smartphone (the one I paid with my Mastercard), change the wristwatch to the black dial, keeping the silicone strap, and make the white glass bookshelf 5 ft instead of 4 ft. The skateboard and the phone stay as they are. Charge the difference to the Mastercard.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items", "no_order_id"])

# 19
u = "omar_silva_9907"
add(19, u, "Order help", """
I'm Omar Silva, zip code 98141. In my order that hasnt shipped yet (running shoes, keybaord, kettle), I want to swap the running shoes for a pair of hiking boots, size 9, and pay any difference from my gift card. If the shoes can't be changed into boots, just leave the order as it is, I'll keep everything. I'm in a hurry.
""", tags=["refusal", "typos", "no_order_id"])

# 20
u, o = "mia_davis_8827", "#W8580621"
ids = item_ids(o, "Bicycle")
add(20, u, "Order help", """
I'm Mia Davis, my email is mia.davis7878@example.com. The red mountain bike I received is way too big for me. I don't want a different size, I just want to return it and get my money back on the gift card I paid with. I'm keeping the smart watch from the same order. How much will be refunded?
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "no_order_id"])

# 21
u, o = "liam_gonzalez_4265", "#W8747662"
s = [swap(o, "Water Bottle", {"capacity": "750ml"}),
     swap(o, "Office Chair", {"color": "gray", "armrest": "none", "backrest height": "high-back"})]
add(21, u, "Order help", """
I'm Liam Gonzalez, zip code 78747. My order hasn't shipped yet and I want it delivered to my office instead of home: 2207 South Lamar Blvd, Suite 140, Austin, TX 78704. I also want to adjust two items in it: the 500ml glass water bottle should be the 750ml one (still black glass), and the blue fabric office chair should become the gray fabric chair with the high back and no armrests. The security camera, the vacuum and the sneakers are fine. Use my Mastercard, not PayPal, for the difference, and tell me what the difference is.
""", actions=[order_address(o, address("2207 South Lamar Blvd", "Suite 140", "Austin", "TX", "78704")),
              modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "question", "no_order_id"])

# 22
u = "ivan_santos_7021"
add(22, u, "Order help", """
I'm Ivan Santos, zip code 10264. I have a glass tea kettle on order that hasn't shipped yet. I want to add a second, identical kettle to that same order so both arrive together. Bill the extra one to my PayPal. If a second one can't be added to this order, leave the order exactly as it is.
""", tags=["refusal", "no_order_id"])

# 23
u, o1, o2 = "emma_santos_9753", "#W2918688", "#W3113816"
s = [swap(o2, "Mechanical Keyboard", {"switch type": "tactile"})]
add(23, u, "Order help", """
I'm Emma Santos, zip code 78228. For the pending order with only the silver tablet, the one going to Phoenix, cancel it: I ordered it by mistake. For my delivered order with the helmet, dumbbells, thermostat, office chair and keyboard, exchange Mechanical Keyboard {'switch type': 'clicky'} to {'switch type': 'tactile'}, keeping the white backlight and 80% size; any refund goes to my gift card.
""", actions=[cancel(o1, "ordered by mistake"), exchange(o2, s, pm(u, "gift_card"))],
    tags=["cancel", "exchange", "multi", "reference", "no_order_id"])

# 24
u, o1, o2 = "omar_muller_8833", "#W9941744", "#W8343509"
s = [swap(o1, "Tablet", {"color": "silver"})]
add(24, u, "Order help", """
I'm Omar Muller, my email is omar.muller2208@example.com. Two things. The gold 7-inch tablet I received - I want it in silver instead, same 32GB. PayPal for whatever it costs extra. And my pending order with the pet bed, the puzzle and the coffee maker is still addressed to Denver; it should go to my San Antonio address that's on my profile.
""", actions=[exchange(o1, s, pm(u, "paypal")), order_address(o2, default_address(u))],
    tags=["exchange", "address", "multi", "reference", "no_order_id"])

# 25
u = "yara_ito_8499"
add(25, u, "Order help", """
I'm Yara Ito, zip code 75284. I ordered a full size mechanical keyboard with linear switches and white backlight and it hasn't shown up. Has it shipped? I want the tracking number. I don't want to change anything on the order.
""", facts=[tracking("#W3191978")], tags=["tracking", "status", "question", "no_order_id"])

# 26
u, o = "harper_li_7655", "#W2047423"
s = [swap(o, "Makeup Kit", {"kit size": "professional"}, free=("brand",))]
add(26, u, "Order help", """
I'm Harper Li, zip code 32253. The makeup kit I ordered hasn't shipped yet. I want the professional size instead of the basic one, still for medium skin tone; the brand doesn't matter to me. Pay the difference with my gift card and let me know how much it is.
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 27
u, o1, o2 = "ava_lopez_2676", "#W8327915", "#W5911003"
s = [swap(o2, "Hiking Boots", {"size": "11"})]
add(27, u, "Order help", """
I'm Ava Lopez, my email is ava.lopez3569@example.com. My pending order with the skateboard, headphones, air purifier, laptop and sunglasses is addressed to Chicago by mistake; ship it to my home address in San Diego that's on my account. Also, in my other pending order, change the hiking boots from size 10 to 11 (same leather, not waterproof). Put the difference on my Mastercard.
""", actions=[order_address(o1, default_address(u)), modify_items(o2, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 28
u, o1, o2 = "harper_johansson_2663", "#W3525030", "#W4866703"
s = [swap(o2, "Office Chair", {"armrest": "none", "backrest height": "high-back"},
          where={"armrest": "fixed"}),
     swap(o2, "Electric Kettle", {"color": "black"})]
add(28, u, "Order help", """
I'm Harper Johansson, zip code 80281. I have a lot of open orders, so read carefully. 1) Cancel the order that is just a purple t-shirt, I ordered it by mistake. 2) In the order with two black fabric office chairs, the backpack, the kettle and the wristwatch: change the chair with fixed armrests to the high-back one with no armrests so both chairs match, and change the silver kettle to black (still 1L stainless steel). Nothing else in that order. PayPal for any difference.
""", actions=[cancel(o1, "ordered by mistake"), modify_items(o2, s, pm(u, "paypal"))],
    tags=["cancel", "modify_items", "multi", "no_order_id"])

# 29
u = "anya_kovacs_9542"
add(29, u, "Order help", """
I'm Anya Kovacs, zip code 95132. I'm not going to go through this with a chatbot. I have a problem with the office chair I received and I want a human agent to handle it. Transfer me to a real person please.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 30
u, o1, o2 = "liam_lopez_7019", "#W2000719", "#W7555783"
add(30, u, "Order help", """
I'm Liam Lopez, zip code 75388. I no longer need the small brown pet bed I ordered (my dog passed away), so please cancel that order. If my other order with the portable charger and the red speaker hasn't shipped either, cancel it as well for the same reason.
""", actions=[cancel(o1, "no longer needed"), cancel(o2, "no longer needed")],
    facts=[status_is(o2, "pending")], tags=["cancel", "multi", "conditional", "no_order_id"])

# 31
u, o1, o2 = "isabella_santos_1643", "#W1654332", "#W9527030"
s1 = [swap(o1, "Mechanical Keyboard", {"switch type": "linear"})]
s2 = [swap(o2, "Hiking Boots", {"size": "8"}, free=("waterproof",))]
add(31, u, "Order help", """
I'm Isabella Santos, my email is isabella.santos9317@example.com. For the keyboard that was delivered to Fort Worth, exchange Mechanical Keyboard {'switch type': 'clicky'} to {'switch type': 'linear'} with the same no backlight and 80% size. For my pending order with the gold smart watch, change the hiking boots to size 8, still synthetic; waterproof or not doesn't matter. Mastercard for both.
""", actions=[exchange(o1, s1, pm(u, "credit_card")), modify_items(o2, s2, pm(u, "credit_card"))],
    tags=["exchange", "modify_items", "multi", "reference", "no_order_id"])

# 32
u, o = "fatima_brown_2588", "#W8008214"
s = [swap(o, "Espresso Machine", {"capacity": "1.5L"})]
add(32, u, "Order help", """
I'm Fatima Brown, zip code 94132. My pending order is a 9 bar capsule espresso machine with a 1L tank. My family drinks more coffee than I thought, so I'd like the 1.5L version of the same machine instead. Pay the extra with PayPal, and I want to know how much extra it is.
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 33
u, o = "mohamed_smith_9224", "#W7808613"
s = [swap(o, "Smart Watch", {"color": "gold", "display": "AMOLED"})]
add(33, u, "Order help", """
I'm Mohamed Smith, my email is mohamed.smith3152@example.com. I want to exchange the smart watch I received: I'd like the gold one with the AMOLED display, keeping the leather band. Any refund should go to my gift card. How much do I get back?
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 34
u = "olivia_davis_3316"
add(34, u, "Order help", """
I'm Olivia Davis, zip code 77244. Return the jigsaw puzzle from order #W7623533, I allready have the same one. I want the refund on my Visa card, not paypal. If it can't go to the Visa, dont return it, I'll just keep the puzzle. Thats all.
""", tags=["refusal", "typos"])

# 35
u, o = "lucas_silva_7435", "#W1814268"
s = [swap(o, "Bookshelf", {"height": "4 ft"}),
     swap(o, "Portable Charger", {"capacity": "20000mAh"})]
add(35, u, "Order help", """
I'm Lucas Silva, zip code 78777. Before my order ships (tea kettle, laptop, portable charger, bookshelf), I need two changes: the white wood bookshelf in 4 ft instead of 5 ft, and the portable charger in 20000mAh instead of 5000mAh, still wireless and black. The laptop and the kettle stay unchanged. Mastercard for the difference.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items", "no_order_id"])

# 36
u, o = "fatima_wilson_6873", "#W7990410"
s = [swap(o, "Headphones", {"connectivity": "wireless"}, free=("color",))]
add(36, u, "Order help", """
I'm Fatima Wilson, zip code 78746. The blue wired over-ear headphones I had delivered to Los Angeles keep getting tangled. I'd like to exchange them for the wireless over-ear version; I don't care about the color. Settle any difference through the PayPal I used for that order.
""", actions=[exchange(o, s, paid_with(o))], tags=["exchange", "reference", "no_order_id"])

# 37
u, o1, o2 = "olivia_smith_5265", "#W1974181", "#W5220869"
new = address("3030 Blake Street", "Unit 405", "Denver", "CO", "80205")
add(37, u, "Order help", """
I'm Olivia Smith, my email is olivia.smith9793@example.com. I'm moving across town. Update the address on my account to 3030 Blake Street, Unit 405, Denver, CO 80205, and send my pending order with the laptop, coffee maker, bookshelf and wristwatch there too. One more thing: return the black desk lamp that came with the luggage set, refund to my Mastercard.
""", actions=[user_address(u, new), order_address(o1, new),
              return_items(o2, item_ids(o2, "Desk Lamp"), pm(u, "credit_card"))],
    tags=["user_address", "address", "return", "multi", "no_order_id"])

# 38
u, o = "mei_kim_3337", "#W3263208"
s = [swap(o, "Espresso Machine", {"type": "capsule"}),
     swap(o, "Mechanical Keyboard", {"switch type": "tactile"})]
add(38, u, "Order help", """
I'm Mei Kim, zip code 77083. Before my order ships I want two changes: the 9 bar 1L automatic espresso machine should be the capsule type instead (same 9 bar, same 1L), and the 60% RGB keyboard should have tactile switches rather than linear. Use my gift card for the difference and tell me how much it is.
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 39
u, o = "sophia_garcia_5025", "#W5777276"
s = [swap(o, "Bookshelf", {"height": "5 ft"})]
add(39, u, "Order help", """
I'm Sophia Garcia, zip code 20156. I have two identical brown wood bookshelves, both 6 ft tall. I only want to change the one that was shipped to Houston together with the tablet and the notebook: exchange it for the 5 ft one, same brown wood. Refund the difference to my card, and tell me how much that is.
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "reference", "question", "no_order_id"])

# 40
u, o = "juan_lopez_5820", "#W3386832"
add(40, u, "Order help", """
I'm Juan Lopez, zip code 85060. My open order with the bike helmet, the garden hose and the espresso machine has the wrong shipping address (102 Main Street). Change it to the same address as my other open order, the one with the capsule espresso machine and the gaming mouse.
""", actions=[order_address(o, address_of("#W4466964"))],
    tags=["address", "reference", "no_order_id"])

# 41
u, o1, o2 = "mia_garcia_4516", "#W5490111", "#W7387996"
s = [swap(o1, "Mechanical Keyboard", {"switch type": "tactile"})]
add(41, u, "Order help", """
I'm Mia Garcia, my email is mia.garcia2723@example.com. For #W5490111, exchange Mechanical Keyboard {'switch type': 'linear'} to {'switch type': 'tactile'}, no backlight and 80% as before; use my visa card. For #W7387996, return the RGB gaming mouse, refund to paypal.
""", actions=[exchange(o1, s, pm(u, "credit_card")),
              return_items(o2, item_ids(o2, "Gaming Mouse"), pm(u, "paypal"))],
    tags=["exchange", "return", "multi"])

# 42
u, o = "fatima_taylor_3452", "#W5285031"
ids = item_ids(o, "Wireless Earbuds", "Gaming Mouse")
add(42, u, "Order help", """
I'm Fatima Taylor, zip code 32169. I'm not very patient today. My order that was shipped to Phoenix had earbuds, a tablet and a gaming mouse. Return the earbuds and the mouse, keep the tablet. Refund to my Visa. I also want to know the total amount refunded.
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "question", "reference", "annoyed", "no_order_id"])

# 43
u, o1, o2 = "daiki_silva_2903", "#W7999678", "#W8835847"
s = [swap(o2, "Bookshelf", {"height": "6 ft"})]
add(43, u, "Order help", """
I'm Daiki Silva, zip code 94102. First cancel my order with only the red bluetooth speaker - I ordered it by mistake. The money for it goes back to my gift card. Then, using that gift card, change the white glass bookshelf in my other pending order from 5 ft to 6 ft. Keep the t-shirt and the mouse as they are.
""", actions=[cancel(o1, "ordered by mistake"), modify_items(o2, s, pm(u, "gift_card"))],
    tags=["cancel", "modify_items", "multi", "no_order_id"])

# 44
u, o = "evelyn_davis_7541", "#W6798117"
s = [swap(o, "Water Bottle", {"capacity": "750ml"}),
     swap(o, "Wall Clock", {"diameter": "10 inches", "color": "wood"})]
add(44, u, "Order help", """
I'm Evelyn Davis, my email is evelyn.davis9453@example.com. From my last delivery I want to exchange two things. The black glass water bottle: I want the 750ml one instead of 500ml. The white 12 inch wall clock: I want the 10 inch analog one with the wood finish. Keep the smart watch. Use PayPal for the difference.
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 45
u, o = "omar_santos_4830", "#W9121070"
s = [swap(o, "Fleece Jacket", {"size": "L", "color": "black"}, where={"zipper": "full"}),
     swap(o, "Vacuum Cleaner", {"bagged/bagless": "bagless"})]
add(45, u, "Order help", """
I'm Omar Santos, zip code 76180. My pending order has two navy XL fleece jackets, one half zip and one full zip, plus a robot vacuum and a backpack. Change only the full zip jacket to size L in black (keep the full zip). And change the vacuum to the bagless version, still robotic with pet hair removal. Mastercard for any difference.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items", "no_order_id"])

# 46
u, o1, o2 = "daiki_khan_6856", "#W8461477", "#W5861600"
add(46, u, "Order help", """
I'm Daiki Khan, zip code 28279. For my pending order with the blue silicone wristwatch and the 1080p action camera, I'd like to pay with PayPal instead of the gift card. And cancel the order with the bike helmet, desk lamp, skateboard and perfume: I no longer need it.
""", actions=[payment(o1, pm(u, "paypal")), cancel(o2, "no longer needed")],
    tags=["payment", "cancel", "multi", "no_order_id"])

# 47
u = "james_lee_5010"
add(47, u, "Order help", """
I'm James Lee, zip code 95161. My e-reader order was cancelled. How much was refunded to me for it? I don't want to change anything else.
""", facts=[total("#W8520591")], tags=["info", "question", "no_order_id"])

# 48
u, o1, o2 = "ava_nguyen_4072", "#W8732376", "#W2601346"
s = [swap(o2, "Garden Hose", {"material": "latex"})]
add(48, u, "Order help", """
I'm Ava Nguyen, my email is ava.nguyen1851@example.com. Cancel my perfum order, i no longer need it. In my other pending order change the garden hose from vinyl to latex, keeping 50ft and black. Use my Visa for the diffrence.
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "credit_card"))],
    tags=["cancel", "modify_items", "multi", "typos", "no_order_id"])
