"""people_briefs5, part b: see the set's description in eval/build/README.md.

Cases 19-36, one per user of the `briefs5` pool in pool order, each e-mail written by hand
after reading that user's orders in data/retail.
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items, order_address,
                    paid_with, payment, pm, policy, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []

add = brief_adder("people-briefs5", CASES)


# 19
u, o = "isabella_nguyen_1748", "#W9660692"
add(19, u, "Order help", """
I'm Isabella Nguyen, zip code 78716. I don't remember the order number. It's the order with a green patio umbrella, a glass tea kettle and an air purifier. I want to return the air purifier because it makes a humming noise in night mode. If the agent tells me that order was cancelled and there is nothing to send back, then I'd just like to know what balance is left on my gift card, and that's all I need today.
""", facts=[status_is(o, "cancelled"), balance(u, pm(u, "gift_card"))],
    tags=["refusal", "wrong_state", "conditional", "question", "multi", "no_order_id"])

# 20
u, o1, o2 = "mason_kovacs_3062", "#W1855881", "#W9608525"
s = [swap(o1, "Indoor Security Camera", {"resolution": "4K"}, free=("field of view",)),
     swap(o1, "Dumbbell Set", {"weight range": "30-50 lbs"})]
gc = pm(u, "gift_card")
add(20, u, "Order help", """
I'm Mason Kovacs, my email is mason.kovacs5711@example.com. Two orders. In the one that hasn't shipped (pet bed, camera, dumbbells) I want the indoor camera upgraded to 4K. I don't care about the viewing angle, take whichever 4K one you actually have in stock, but it has to stay Ethernet. The 5-25 lbs dumbbells are too light, I want the 30-50 lbs set, still iron and adjustable. Leave the pet bed as is. I only pay with my gift card so use it for the difference, and I want to know how much that difference comes to. Second, from the order I already got, I'm returning the silver sunglasses, refund on the gift card. Keep the desk lamp.
""", actions=[modify_items(o1, s, gc), return_items(o2, item_ids(o2, "Sunglasses"), gc)],
    facts=[difference(o1, s)],
    tags=["modify_items", "return", "multi", "question", "no_order_id"])

# 21
u, o1, o2 = "harper_kovacs_7861", "#W5955464", "#W7775097"
ids = item_ids(o1, ("Electric Kettle", {"color": "black"}), "Grill")
s = [swap(o2, "Wristwatch", {"dial color": "black"})]
pp = pm(u, "paypal")
add(21, u, "Order help", """
I'm Harper Kovacs, zip code 94145. first the order that was delivered to Seattle: I'm sending back the black electric kettle and the grill. The silver kettle and the phone stay with me, I use them evry day. Refund to paypal, that's the only thing I have on file. I want to know the total refund for those two. Then my watch order that is still pending: I want to keep the metal strap but switch the white dial to a black one. The difference goes on paypal too. If the agent asks whether there's anything else, say no.
""", actions=[return_items(o1, ids, pp), modify_items(o2, s, pp)],
    facts=[refund(o1, ids)],
    tags=["return", "modify_items", "multi", "question", "reference", "typos", "no_order_id"])

# 22
u, o1, o2 = "fatima_martin_9326", "#W3376947", "#W7538230"
new = address("2210 Ocean View Road", "Apt 4B", "San Diego", "CA", "92109")
add(22, u, "Order help", """
I'm Fatima Martin, zip code 92151. I moved last weekend. My new address is 2210 Ocean View Road, Apt 4B, San Diego, CA 92109. I want it saved on my account as the default, and I want my pending order with the office chair, the perfume and the sunglasses shipped there. My other pending order, the red speaker and the gaming mouse, I want cancelled, I no longer need those. I don't have the order numbers at hand.
""", actions=[user_address(u, new), order_address(o1, new), cancel(o2, "no longer needed")],
    tags=["user_address", "address", "cancel", "multi", "no_order_id"])

# 23
u, o = "ava_khan_1840", "#W1123136"
add(23, u, "Order help", """
I'm Ava Khan, zip code 94171. I have one order that hasn't shipped yet, with a tablet, a skateboard and a portable charger. I want the tablet changed to the 10-inch screen, still 128GB and still silver. If that exact tablet is not available, I don't want the order anymore: cancel the whole thing, the reason is no longer needed. I don't want any other color or storage. I want to know how much goes back to my gift card.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Tablet", {"screen size": "10-inch"}, False), total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 24
u, o1, o2 = "emma_santos_8025", "#W4590951", "#W3117322"
add(24, u, "Order help", """
I'm Emma Santos, zip code 85079. I want to cancel #W4590951, the laptop and the air purifier, I ordered it by mistake. How much will be refunded for it? Also the order with only the rubber dumbbell set, W3117322: if it hasn't been processed yet, cancel it as well because I no longer need it. If it's already on its way, leave it, I'll keep it. Don't touch my order with the wall clock.
""", actions=[cancel(o1, "ordered by mistake")],
    facts=[total(o1), status_is(o2, "processed")],
    tags=["cancel", "multi", "conditional", "wrong_state", "question"])

# 25
u, o1, o2 = "harper_moore_6183", "#W5703958", "#W9270202"
s = [swap(o1, "Water Bottle", {"color": "black"}), swap(o1, "Electric Kettle", {"color": "black"})]
add(25, u, "Order help", """
I'm Harper Moore, my email is harper.moore3555@example.com. From my delivered order #W5703958 I want to exchange two things: the red water bottle for the same 1000ml stainless steel bottle in black, and the silver electric kettle for the same 1L stainless steel kettle in black. Everything else in that order stays. Any difference goes to or from my gift card. Separately, I want the tracking number of my order with the laptop and the robot vacuum.
""", actions=[exchange(o1, s, pm(u, "gift_card"))], facts=[tracking(o2)],
    tags=["exchange", "multi", "question", "tracking"])

# 26
u, o = "aarav_nguyen_5688", "#W5493256"
new = address("1180 Lakeview Terrace", "Unit 12", "Columbus", "OH", "43215")
s = [swap(o, "Bluetooth Speaker", {"battery life": "20 hours"})]
add(26, u, "Order help", """
I'm Aarav Nguyen, zip code 43132. I'm a bit reluctant to give the order id, but it's my only order and it hasn't shipped. Please send it to 1180 Lakeview Terrace, Unit 12, Columbus, OH 43215 instead of my home, I'm staying there for a few weeks. Also the green bluetooth speaker in it: I want the same green one but with the 20 hours battery. Use my gift card for the difference. If the agent asks me to confirm the items, the speaker is the only one I want changed.
""", actions=[order_address(o, new), modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "no_order_id"])

# 27
u, o = "amelia_moore_7658", "#W5502159"
s = [swap(o, "Makeup Kit", {"kit size": "professional"}),
     swap(o, "LED Light Bulb", {"connectivity": "Bluetooth"})]
add(27, u, "Order help", """
I'm Amelia Moore, zip code 75281. I got my makeup kit and light bulb order. I want to exchange the makeup kit for the professional size, same Brand B and same dark shade. And the bulb: same 60W daylight bulb but the one with Bluetooth. Both in one exchange please. I'll pay any difference with my gift card. What is the difference going to be?
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 28
u = "isabella_brown_4999"
add(28, u, "Order help", """
I'm Isabella Brown, zip code 46288. I want to talk to a human agent about my pending order with the earbuds and the security camera. I've had a bad experience with automated replies before, so I'm not going to explain it to a bot. Please transfer me to a person. If the agent tries to help with it directly, say I'd still rather speak with a human.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 29
u, o = "amelia_nguyen_7748", "#W7898533"
s = [swap(o, "Smart Watch", {"band material": "leather", "display": "LCD"})]
add(29, u, "Order help", """
I'm Amelia Nguyen, zip code 76124. I received the smart watch but the metal band pinches my wrist. I want to exchange it for the same black watch with a leather band and the AMOLED screen. If there's no such one, I'd take the black one with a leather band and an LCD screen. Charge any extra to my PayPal. Also tell me how much more I will pay.
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "Smart Watch", {"band material": "leather"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 30
u = "yusuf_hernandez_5411"
add(30, u, "Order help", """
I'm Yusuf Hernandez, zip code 43223. My order #W9978601 with the road bike and the watch got cancelled and I never asked for that. Same with the one that was going to San Antonio. I've wasted two weeks on this. I want a $200 credit on my account for the trouble, and I want someone with authority to handle it, not a form reply. I'm very upset.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed"])

# 31
u, o1, o2 = "harper_silva_8534", "#W1578930", "#W3323013"
ids = item_ids(o1, ("Makeup Kit", {"skin tone": "light"}), ("Makeup Kit", {"skin tone": "dark"}))
s = [swap(o2, "Cycling Helmet", {"size": "L"}, free=("color",))]
visa = pm(u, "credit_card")
add(31, u, "Order help", """
I'm Harper Silva, zip code 92188. I have two requests. The order with the two makeup kits, the smart watch and the skateboard: I want to return both makeup kits, nothing else from it. Refund to my visa. What will the refund for the kits be? And in my other order, the one with the phone and the garden hose, the bike helmet is too small. I want a size L, it must still have high ventilation, any color that's available is fine. Difference on the visa.
""", actions=[return_items(o1, ids, visa), exchange(o2, s, visa)], facts=[refund(o1, ids)],
    tags=["return", "exchange", "multi", "question", "no_order_id"])

# 32
u, o = "daiki_johansson_4856", "#W4680317"
s = [swap(o, "Pet Bed", {"size": "medium"}, where={"material": "memory foam"})]
add(32, u, "Order help", """
I'm Daiki Johansson, my email is daiki.johansson8388@example.com. I don't remember my order id. In my last delivered order I got two large pet beds and headphones. The cheaper of the two pet beds is too big for my cat. I want it exchanged for the medium size, same material and color. Pay the difference with paypal. I want to know the price difference before you go ahead.
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 33
u, o = "mia_johansson_7000", "#W8346517"
ids = item_ids(o, "Yoga Mat")
add(33, u, "Order help", """
I'm Mia Johansson, zip code 78280. I want to return the green yoga mat from the order that also had the blue office chair. I want the refund on my new Visa card, I'll give the number when asked. If the agent says it can't go to that Visa, then I'll just keep the mat and not return anything. Either way I want to know how much I would get back for the mat.
""", facts=[policy("original payment method"), refund(o, ids)],
    tags=["refusal", "policy", "question", "multi", "no_order_id"])

# 34
u, o1, o2 = "ethan_garcia_1261", "#W9911714", "#W4967593"
s = [swap(o1, "Running Shoes", {"color": "black"}),
     swap(o1, "Mechanical Keyboard", {"backlight": "white"})]
add(34, u, "Order help", """
I'm Ethan Garcia, zip code 80280. for my pending order W9911714 I want to change the yellow running shoes to black ones, same size 9 and same material. And the keyboard, I want the same tactile full size one but with white backlight. Use my paypal for the difference, not the gift card. Also I want the tracking number for my order with the leather wristwatch.
""", actions=[modify_items(o1, s, pm(u, "paypal"))], facts=[tracking(o2)],
    tags=["modify_items", "multi", "question", "tracking"])

# 35
u, o1, o2 = "liam_lee_5696", "#W7208030", "#W9710999"
s = [swap(o1, "Garden Hose", {"material": "vinyl"})] * 2
ids = item_ids(o2, "Jigsaw Puzzle", "Tea Kettle")
card = pm(u, "credit_card")
add(35, u, "Order help", """
I'm Liam Lee, zip code 76176. My pending order with the two garden hoses: I want both hoses changed to vinyl, keep them 25ft and green. Then from my delivered order with the bookshelf, I want to return the animal puzzle and the stainless steel tea kettle, but not the bookshelf, toothbrush or coffee maker. Everything goes on my mastercard. How much will I be refunded for the return?
""", actions=[modify_items(o1, s, card), return_items(o2, ids, card)], facts=[refund(o2, ids)],
    tags=["modify_items", "return", "multi", "question", "exclusion", "no_order_id"])

# 36
u, o = "olivia_khan_9030", "#W3840181"
add(36, u, "Order help", """
I'm Olivia Khan, zip code 92110. My pending order #W3840181 has an old Indianapolis address on it, which is wrong. It should go to the default address on my account. And on that same order, switch the payment from PayPal to my Visa card. What's the order total? If the agent asks me to confirm both changes, say yes.
""", actions=[order_address(o, default_address(u)), payment(o, pm(u, "credit_card", brand="visa"))],
    facts=[total(o)],
    tags=["address", "payment", "multi", "question", "reference"])
