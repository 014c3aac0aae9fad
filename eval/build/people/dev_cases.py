"""people_dev: e-mails written by hand for this project, labelled from the store.

The development set: tune rules, thresholds and prompts on these, never on `test_cases.py`.
One case per user; the users are the dev pool of `build.py`.

This file is data (80 e-mails, each with its label) and so runs past 600 lines: one set is one
unit to review.
"""
from labels import (address, all_items, available, balance, cancel, case, default_address,
                    difference, exchange, item_ids, modify_items, order_address, paid_with,
                    payment, pm, policy, price, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []


def add(n, uid, subject, body, **label):
    CASES.append(case(f"people-dev-{n:03d}", uid, subject, body, **label))


# 1
u = "ava_silva_2543"
add(1, u, "refund amount", """
Hi, my order with the grill, hiking boots and a t-shirt was cancelled. What was the total amount refunded to my card? Ava Silva
""", facts=[total("#W8074062")], tags=["info", "question", "no_order_id"])

# 2
u, o = "mia_sanchez_3401", "#W4096800"
add(2, u, "charger + keyboard", """
Hi,

In order #W4096800 (portable charger, makeup kit, keyboard - not shipped yet), please change:
- charger: the wireless one in blue, still 20000mAh
- keyboard: 80% size with white backlight, keep tactile switches

The makeup kit stays. PayPal for any difference. That's all.

Mia
""", actions=[modify_items(o, [swap(o, "Portable Charger", {"output": "Wireless", "color": "blue"}),
                              swap(o, "Mechanical Keyboard", {"size": "80%", "backlight": "white"})],
                           pm(u, "paypal"))],
    tags=["modify_items"])

# 3
u, o = "evelyn_ito_7643", "#W6207110"
add(3, u, "pending order - payment and speaker", """
Hello! For my order with the backpack and the speaker, I'd like to pay with PayPal instead of my Visa. And could you change the speaker to the blue one (same 20 hours, not water resistant)? PayPal for any difference too. Thank you - Evelyn
""", actions=[payment(o, pm(u, "paypal")),
              modify_items(o, [swap(o, "Bluetooth Speaker", {"color": "blue"})], pm(u, "paypal"))],
    tags=["payment", "modify_items", "multi", "no_order_id"])

# 4
u, o = "chen_wilson_4378", "#W8328493"
add(4, u, "helmet + kettle", """
hey, order W8328493 hasn't shipped yet right? if so I'd like the bike helmet in a small instead of medium (same white, low ventilation) and the electric kettle in white instead of black (same 1.5L plastic). puzzle stays. use my gift card for the difference. chen
""", actions=[modify_items(o, [swap(o, "Cycling Helmet", {"size": "S"}),
                              swap(o, "Electric Kettle", {"color": "white"})], pm(u, "gift_card"))],
    tags=["modify_items"])

# 5
u = "anya_taylor_1082"
o1, o2 = "#W9980894", "#W2727221"
add(5, u, "return perfume, fix address", """
Hi,

Please return the perfume from my delivered order (the one with the bookshelf). Refund to my gift card.

Also my open order with the water bottle and running shoes is going to Philadelphia - please send it to my home address in New York instead.

Anya
""", actions=[return_items(o1, item_ids(o1, "Perfume"), pm(u, "gift_card")),
              order_address(o2, default_address(u))],
    tags=["return", "address", "multi", "reference", "no_order_id"])

# 6
u, o = "evelyn_patel_7348", "#W6023202"
add(6, u, "cancel #W6023202", """
Please cancel order #W6023202, I no longer need it. How much will be refunded? Thanks, Evelyn Patel
""", actions=[cancel(o, "no longer needed")], facts=[total(o)], tags=["cancel", "question"])

# 7
u, o = "james_sanchez_3954", "#W7464385"
s = [swap(o, "Action Camera", {"resolution": "4K", "waterproof": "yes", "color": "black"})]
add(7, u, "action camera", """
Hi, can you switch the action camera in #W7464385 to the 4K waterproof one in black? It hasn't shipped yet. Refund difference to PayPal - how much is it? James
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 8
u, o = "daiki_jackson_4362", "#W8306539"
new = address("1450 Wynkoop Street", "Apt 702", "Denver", "CO", "80202")
add(8, u, "new address", """
Hello, I moved to 1450 Wynkoop Street, Apt 702, Denver, CO 80202. Please update my account, and send my desk lamp order to the new place too. Thanks! Daiki
""", actions=[user_address(u, new), order_address(o, new)],
    tags=["user_address", "address", "multi", "no_order_id"])

# 9
u = "mei_johansson_5847"
add(9, u, "someone used my gift card", """
Hi, I think someone got hold of my gift card number and has been using it. I didn't place the last order on my account. Can someone from your fraud team look into it?
Mei Johansson
""", disposition="escalate", tags=["handoff", "fraud", "no_order_id"])

# 10
u, o = "lei_patel_3139", "#W2403263"
to = {"size": "30ml"}
add(10, u, "perfume size #W2403263", """
Hello, in order #W2403263, if the same perfume comes in a 30ml bottle, please change it to that; if not, leave it as it is. Refund any difference to my Visa. Lei Patel
""", actions=[modify_items(o, [swap(o, "Perfume", to)], pm(u, "credit_card"))],
    facts=[available(o, "Perfume", to, True)], tags=["modify_items", "conditional"])

# 11
u = "mason_li_6934"
o1, o2 = "#W8998368", "#W2392556"
add(11, u, "boots + lamp", """
Hi team, two things: I'd like to retrun the leather hiking boots I got (size 12, there too big), refund to my gift card. And please cancel my desk lamp order, I don't need it anymore. Thanks, Mason Li
""", actions=[return_items(o1, item_ids(o1, "Hiking Boots"), pm(u, "gift_card")),
              cancel(o2, "no longer needed")],
    tags=["return", "cancel", "multi", "typos", "no_order_id"])

# 12
u, o = "yara_patel_8545", "#W1068289"
s = [swap(o, "Wristwatch", {"strap material": "leather", "dial color": "white"})]
add(12, u, "wristwatch in my order", """
Hello,

My order with the headphones, the grill and the wristwatch hasn't shipped. Could you change the watch to the leather strap with the white dial? If it's cheaper, refund the difference to my PayPal - and let me know how much.

Thanks,
Yara Patel
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 13
u, o = "aarav_khan_2797", "#W5497052"
add(13, u, "return puzzle", """
hi, want to return the 1500 piece animal puzzle from #W5497052, put the refund on my gift card pls
""", actions=[return_items(o, item_ids(o, "Jigsaw Puzzle"), pm(u, "gift_card"))],
    tags=["return"])

# 14
u = "omar_martin_3329"
add(14, u, "damaged grill - I want to talk to someone", """
My gas grill arrived with a big dent in the lid and a missing knob. I don't want to go back and forth by email, I want to speak to a real person about what you're going to do about it.

Omar Martin
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 15
u, o = "harper_kim_3380", "#W2470317"
ids = all_items(o, "Dumbbell Set")
add(15, u, "return most of #W2470317", """
Hi,

I'd like to return everything in order #W2470317 apart from the dumbbells. Refund to my Mastercard. What will the refund total be?

Thanks,
Harper Kim
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question"])

# 16
u, o = "juan_martin_4740", "#W5815923"
bike = {"frame size": "medium", "color": "black"}
s = [swap(o, "Bicycle", bike), swap(o, "Cycling Helmet", {"color": "white"})]
add(16, u, "bike frame size", """
Hi,

The red mountain bike in my pending order has a large frame and I measured again - I need a medium. If the mountain bike comes in medium in black, please switch to that; otherwise leave the bike alone. Also the helmet: white instead of red, same size M and low ventilation.

Chair and espresso machine stay. Charge differences to PayPal, and please tell me the total difference.

Juan Martin
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Bicycle", bike, True), difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 17
u = "juan_jackson_6087"
add(17, u, "price match", """
Hi, I saw the same art jigsaw puzzle on another site for much less. Do you price match? If yes I'd like to reorder it at their price. Juan
""", tags=["refusal", "no_order_id"])

# 18
u = "raj_johnson_1989"
add(18, u, "refund timing", """
Hello, my security camera order was cancelled and the money is supposed to go back to PayPal. How long does that normally take? Raj Johnson
""", facts=[policy("5 to 7 business days")], tags=["policy", "question", "no_order_id"])

# 19
u = "isabella_nguyen_1748"
add(19, u, "gift card balance", """
Hi! My order with the patio umbrella, kettle and air purifier was cancelled and refunded to my gift card. What's the balance on my gift card right now? Thanks, Isabella
""", facts=[balance(u, pm(u, "gift_card"))], tags=["info", "question", "no_order_id"])

# 20
u = "mason_kovacs_3062"
o1, o2 = "#W9608525", "#W1855881"
add(20, u, "sunglasses return + camera", """
Hello,

1. Please return the silver sunglasses I received (the order with the desk lamp). Refund to my gift card.
2. In my open order, switch the security camera to the 4K one with the 130 degree view (still ethernet). Gift card for the difference too. Nothing else changes in that order.

Mason Kovacs
""", actions=[return_items(o1, item_ids(o1, "Sunglasses"), pm(u, "gift_card")),
              modify_items(o2, [swap(o2, "Indoor Security Camera",
                                     {"resolution": "4K", "field of view": "130 degrees"})],
                           pm(u, "gift_card"))],
    tags=["return", "modify_items", "multi", "no_order_id"])

# 21
u = "harper_kovacs_7861"
o1, o2 = "#W5955464", "#W8904134"
one = item_ids(o1, ("Electric Kettle", {"color": "silver"}))
add(21, u, "one kettle too many + tracking", """
Hi,

My Seattle delivery came with two electric kettles. I'll keep the black one; please return the silver 2 liter one, refund to PayPal.

Separately, the order with the camera and tablet going to San Antonio - could I get the tracking number?

Harper Kovacs
""", actions=[return_items(o1, one, pm(u, "paypal"))], facts=[tracking(o2)],
    tags=["return", "tracking", "question", "multi", "no_order_id"])

# 22
u = "fatima_martin_9326"
o1, o2 = "#W7538230", "#W3376947"
add(22, u, "cancel one order, change chair", """
Good morning,

I placed an order for a bluetooth speaker and a gaming mouse by mistake - please cancel it.

In my other order, I'd like the blue leather office chair with fixed armrests instead of no armrests (same standard backrest). Mastercard for the difference. Sunglasses and perfume stay.

Thanks,
Fatima Martin
""", actions=[cancel(o1, "ordered by mistake"),
              modify_items(o2, [swap(o2, "Office Chair", {"armrest": "fixed"})],
                           pm(u, "credit_card"))],
    tags=["cancel", "modify_items", "multi", "no_order_id"])

# 23
u, o = "ava_khan_1840", "#W1123136"
add(23, u, "charger", """
hi - could the portable charger in order #W1123136 be the bigger 20000mAh one? same blue wireless. gift card for the extra. that's the only change. ava
""", actions=[modify_items(o, [swap(o, "Portable Charger", {"capacity": "20000mAh"})],
                           pm(u, "gift_card"))],
    tags=["modify_items"])

# 24
u, o = "emma_santos_8025", "#W7854887"
add(24, u, "double dumbbells", """
Hello, I realise I ordered dumbbells twice - one set is already on its way. Please cancel the open order that has the second set along with the wall clock and the action camera; I ordered that by mistake. The one with the laptop stays. Emma Santos
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "reference", "no_order_id"])

# 25
u, o = "harper_moore_6183", "#W5703958"
add(25, u, "Tablet colour #W5703958", """
Hi there, I got my tablet in order #W5703958 but I'd like to exchange it for the gold one, same 8 inch 128GB. Use my gift card for the difference. Thanks! Harper
""", actions=[exchange(o, [swap(o, "Tablet", {"color": "gold"})], pm(u, "gift_card"))],
    tags=["exchange"])

# 26
u, o = "aarav_nguyen_5688", "#W5493256"
add(26, u, "speaker battery", """
Hi, if my order with the skateboard, speaker and sunglasses hasn't gone out yet, could you switch the speaker to the 20 hour battery version (same green, not water resistant)? If it has already shipped, never mind. Gift card for any difference. Aarav
""", actions=[modify_items(o, [swap(o, "Bluetooth Speaker", {"battery life": "20 hours"})],
                           pm(u, "gift_card"))],
    facts=[status_is(o, "pending")], tags=["modify_items", "conditional", "no_order_id"])

# 27
u, o = "amelia_moore_7658", "#W5502159"
one = item_ids(o, "Makeup Kit")
add(27, u, "makeup kit return", """
Hello, the makeup kit from order #W5502159 doesn't suit me. I'd like to return it and get the money back on my gift card. How much will I get back? Kind regards, Amelia Moore
""", actions=[return_items(o, one, pm(u, "gift_card"))], facts=[refund(o, one)],
    tags=["return", "question"])

# 28
u, o = "isabella_brown_4999", "#W7810809"
add(28, u, "delivery address", """
Hi! Please deliver my order with the earbuds and the security camera to 2014 N Delaware St, Indianapolis, IN 46202 instead (no apartment number). Thank you! Isabella
""", actions=[order_address(o, address("2014 N Delaware St", "", "Indianapolis", "IN", "46202"))],
    tags=["address", "no_order_id"])

# 29
u, o = "amelia_nguyen_7748", "#W7898533"
s = [swap(o, "Smart Watch", {"color": "silver", "band material": "leather", "display": "LCD"})]
add(29, u, "swap my smart watch", """
Hi, I'd like to swap my black smart watch for the silver one with the leather band and LCD screen. How much extra will that be? PayPal is fine. Amelia Nguyen
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 30
u = "yusuf_hernandez_5411"
add(30, u, "which espresso machine?", """
Hi, I cancelled my espresso machine order because I wasn't sure it was the right one. Which of your espresso machines would you recommend for a beginner? Yusuf
""", tags=["unanswerable", "no_order_id"])

# 31
u = "harper_silva_8534"
o1, o2 = "#W1578930", "#W3323013"
add(31, u, "returns from two orders", """
Hello,

I'd like to send back both makeup kits from the order that also had the smart watch and the skateboard, and the blue bike helmet from my other order (the one with the smartphone). Refund everything to my Visa please.

Thank you,
Harper Silva
""", actions=[return_items(o1, item_ids(o1, ("Makeup Kit", {"brand": "Brand B"}),
                                      ("Makeup Kit", {"brand": "Brand C"})), paid_with(o1)),
              return_items(o2, item_ids(o2, "Cycling Helmet"), paid_with(o2))],
    tags=["return", "multi", "no_order_id"])

# 32
u, o = "daiki_johansson_4856", "#W4680317"
one = item_ids(o, ("Pet Bed", {"material": "polyester"}))
add(32, u, "one pet bed back", """
Hi, I got two large pet beds. My dog only uses the memory foam one, so I'd like to return the grey polyester bed. PayPal refund please - how much will it be? Daiki
""", actions=[return_items(o, one, pm(u, "paypal"))], facts=[refund(o, one)],
    tags=["return", "question", "no_order_id"])

# 33
u, o = "mia_johansson_7000", "#W8346517"
add(33, u, "chair armrests", """
Hi, the blue leather office chair I received in #W8346517 has no armrests and my back is killing me. Can I exchange it for the same chair with fixed armrests? Put the difference on my gift card. Mia
""", actions=[exchange(o, [swap(o, "Office Chair", {"armrest": "fixed"})], pm(u, "gift_card"))],
    tags=["exchange"])

# 34
u = "ethan_garcia_1261"
o1, o2 = "#W9911714", "#W5733668"
add(34, u, "cancel + tracking", """
Hi there,

Please cancel my open order (water bottle, keyboard, running shoes, makeup kit) - I no longer need any of it.

And for the order with the blue office chair and the electric kettle, what's the tracking number?

Ethan Garcia
""", actions=[cancel(o1, "no longer needed")], facts=[tracking(o2)],
    tags=["cancel", "tracking", "question", "multi", "no_order_id"])

# 35
u, o = "liam_lee_5696", "#W7208030"
add(35, u, "two identical hoses", """
Hello, I accidentally ordered two of the same 25ft green rubber garden hose. Instead of cancelling, could you change one of them to the 50 ft black latex hose? Keep the other as is. Mastercard for the difference. Thanks, Liam
""", actions=[modify_items(o, [swap(o, "Garden Hose", {"length": "50ft", "material": "latex",
                                                    "color": "black"})], pm(u, "credit_card"))],
    tags=["modify_items", "no_order_id"])

# 36
u, o = "olivia_khan_9030", "#W3840181"
add(36, u, "order to Indianapolis", """
Hi,

My open order with the wristwatch is set to ship to Indianapolis - please send it to my home address in San Diego instead. And I'd like to pay for it with my Visa rather than PayPal.

Thanks!
Olivia Khan
""", actions=[order_address(o, default_address(u)),
              payment(o, pm(u, "credit_card", brand="visa"))],
    tags=["address", "payment", "multi", "reference", "no_order_id"])

# 37
u, o = "aarav_wilson_9535", "#W1046662"
add(37, u, "pet bed colour", """
hi, in order #W1046662 there are two beige fleece pet beds. could you make the small one grey? the large one stays beige. refund any difference to my gift card. thanks aarav
""", actions=[modify_items(o, [swap(o, "Pet Bed", {"color": "grey"}, where={"size": "small"})],
                           pm(u, "gift_card"))],
    tags=["modify_items"])

# 38
u, o = "fatima_moore_8152", "#W9172475"
one = item_ids(o, "Tablet")
add(38, u, "Return tablet from #W9172475", """
Hello,

Please process a return for the gold tablet in order #W9172475, refund to my PayPal. How much will I be refunded?

Fatima Moore
""", actions=[return_items(o, one, pm(u, "paypal"))], facts=[refund(o, one)],
    tags=["return", "question"])

# 39
u = "raj_li_8594"
add(39, u, "formal complaint", """
I have been waiting far too long for my order with the espresso machine and the tablet. I am filing a complaint with the state attorney general's office and my attorney will contact you. Do not send me a template reply.

Raj Li
""", disposition="escalate", tags=["handoff", "legal", "annoyed", "no_order_id"])

# 40
u, o = "mei_ahmed_5058", "#W2631563"
to = {"color": "black"}
add(40, u, "thermostat colour", """
Hi, in my pending order, is the Google Assistant thermostat available in black, and how much is it? If it is, please switch mine to black and charge PayPal the difference. If it isn't, please just cancel the order, I'll no longer need it. Mei
""", actions=[modify_items(o, [swap(o, "Smart Thermostat", to)], pm(u, "paypal"))],
    facts=[available(o, "Smart Thermostat", to, True), price(o, "Smart Thermostat", to)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 41
u, o = "isabella_gonzalez_4546", "#W1258841"
add(41, u, "luggage colour", """
Hi! In my open order (skateboard, notebook, luggage), could the luggage set be red instead of silver? Same 2-piece hardshell. Please charge the difference to my Mastercard, not the Visa. Thanks, Isabella
""", actions=[modify_items(o, [swap(o, "Luggage Set", {"color": "red"})],
                           pm(u, "credit_card", brand="mastercard"))],
    tags=["modify_items", "no_order_id"])

# 42
u = "aarav_garcia_9402"
o1, o2 = "#W3038897", "#W7821216"
add(42, u, "phone exchange and espresso return", """
Hello,

Two requests:
1. Exchange my gold smartphone for the black one with 8GB of RAM (same 128GB, 5.8 inch).
2. Return the espresso machine from my other order - it's far too big for my kitchen.

Everything goes through my Mastercard.

Regards,
Aarav Garcia
""", actions=[exchange(o1, [swap(o1, "Smartphone", {"color": "black", "RAM": "8GB"})],
                       pm(u, "credit_card")),
              return_items(o2, item_ids(o2, "Espresso Machine"), pm(u, "credit_card"))],
    tags=["exchange", "return", "multi", "no_order_id"])

# 43
u, o = "juan_rossi_6696", "#W7602708"
add(43, u, "garden hose colour #W7602708", """
Hi, please change the garden hose in order #W7602708 to the blue one (same 25 ft vinyl). It's a bit cheaper, so refund the difference to my gift card. Juan
""", actions=[modify_items(o, [swap(o, "Garden Hose", {"color": "blue"})], pm(u, "gift_card"))],
    tags=["modify_items"])

# 44
u = "lucas_muller_4380"
o1, o2 = "#W1523776", "#W3206099"
add(44, u, "return + mouse", """
hey

- i want to return everything from the order with the makeup kit and the thermostat, refund to gift card
- in my open order with the dumbbells, please change the black gaming mouse to the white one (still wired, optical). gift card for that too

thanks
lucas
""", actions=[return_items(o1, all_items(o1), pm(u, "gift_card")),
              modify_items(o2, [swap(o2, "Gaming Mouse", {"color": "white"})], pm(u, "gift_card"))],
    tags=["return", "modify_items", "multi", "no_order_id"])

# 45
u = "daiki_davis_5031"
add(45, u, "manager please", """
Hello,

I spent almost three thousand dollars on an espresso machine from you and I have questions about it that I want to discuss with a manager, by phone. Please have a manager call me. I'm not interested in a chat bot.

Daiki Davis
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 46
u, o = "juan_santos_1448", "#W2582045"
one = item_ids(o, "Air Purifier")
add(46, u, "air purifier return", """
Hello, the air purifier delivered to Phoenix is to loud for the bedrom even on quiet mode. I'd like to return it and have the money put back on my gift card. How much is that? Juan Santos
""", actions=[return_items(o, one, pm(u, "gift_card"))], facts=[refund(o, one)],
    tags=["return", "question", "typos", "no_order_id"])

# 47
u, o = "olivia_lopez_9494", "#W8955613"
s = [swap(o, "Smart Watch", {"band material": "leather"})]
add(47, u, "smart watch band", """
Hello! My order with the smart watch and backpack hasn't shipped. Can the watch have a leather band instead of metal? Same gold and AMOLED. Refund the difference to my Mastercard, and what is the difference?

Olivia
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 48
u = "lucas_martin_4549"
o1, o2 = "#W3929227", "#W9318778"
add(48, u, "return + purifier change", """
Hi,

From my order delivered to Charlotte, I want to return the espresso machine and the water bottle. Refund to the Mastercard I paid with.

In my open order there are two air purifiers. Please change the small ionic one to the small HEPA one (same quiet operation). The medium one stays. Gift card for the difference.

Lucas Martin
""", actions=[return_items(o1, item_ids(o1, "Espresso Machine", "Water Bottle"), paid_with(o1)),
              modify_items(o2, [swap(o2, "Air Purifier", {"filter type": "HEPA"},
                                     where={"room size": "small"})], pm(u, "gift_card"))],
    tags=["return", "modify_items", "multi", "reference", "no_order_id"])

# 49
u = "anya_patel_3710"
o1 = "#W6174054"
add(49, u, "kettle and jacket", """
Hello,

In my open order I bought both a tea kettle and an electric kettle - can you remove just the electric kettle? If you can't take a single item out, leave that order as it is.

Also, the navy fleece jacket I received has a half zip; I'd like to exchange it for the full zip version, same XL navy. Gift card for the difference.

Anya Patel
""", actions=[exchange(o1, [swap(o1, "Fleece Jacket", {"zipper": "full"})], pm(u, "gift_card"))],
    tags=["exchange", "refusal", "multi", "no_order_id"])

# 50
u, o = "james_li_5688", "#W4435622"
add(50, u, "boots size 10 + cancel grill", """
Hi, the synthetic hiking boots I received are a 12 and way too big. Can I exchange them for a 10, same waterproof ones? Use my gift card for the difference. And please cancel my gas grill order, I don't need it anymore. Thanks, James
""", actions=[exchange(o, [swap(o, "Hiking Boots", {"size": "10"})], pm(u, "gift_card"))],
    tags=["exchange", "refusal", "wrong_state", "multi", "no_order_id"])

# 51
u, o = "aarav_moore_6923", "#W2842410"
ids = item_ids(o, "Notebook", "Bluetooth Speaker")
add(51, u, "returning notebooks and speaker", """
Hi,

From my order with the smartphone and the pet bed I'd like to return both A5 notebooks and the green bluetooth speaker. Refund to PayPal. What's the total coming back to me?

Aarav Moore
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "question", "no_order_id"])

# 52
u = "anya_brown_2024"
o1, o2 = "#W1170711", "#W8883368"
add(52, u, "two of my open orders", """
Hi,

Please cancel my open order with the wall clock, desk lamp, dumbbells and speaker - I no longer need any of it.

And my order with the e-reader and the smart watch is going to a Dallas address by mistake; please send it to my home address in New York.

Thanks,
Anya Brown
""", actions=[cancel(o1, "no longer needed"), order_address(o2, default_address(u))],
    tags=["cancel", "address", "multi", "reference", "no_order_id"])

# 53
u = "raj_kovacs_9155"
o1, o2 = "#W8455874", "#W8595443"
add(53, u, "e-reader exchange, makeup return", """
Hello,

Could I exchange the 7 inch e-reader I received for the 8 inch wifi-only one with 32GB? And I'd like to return the makeup kit from my other order (the one with the espresso machine). Gift card for both, please.

Raj Kovacs
""", actions=[exchange(o1, [swap(o1, "E-Reader", {"screen size": "8-inch", "connectivity": "Wi-Fi"})],
                       pm(u, "gift_card")),
              return_items(o2, item_ids(o2, "Makeup Kit"), pm(u, "gift_card"))],
    tags=["exchange", "return", "multi", "no_order_id"])

# 54
u, o = "yusuf_jackson_7865", "#W2087737"
s = [swap(o, "Smart Watch", {"band material": "leather"})]
add(54, u, "watch band + gift card", """
Hey, two questions. How much is on my gift card right now? And my order with the smartphone and smart watch hasn't shipped - can you change the watch to the leather band (still gold, AMOLED)? Refund the difference onto the gift card, and tell me how much that is. Yusuf
""", actions=[modify_items(o, s, pm(u, "gift_card"))],
    facts=[balance(u, pm(u, "gift_card")), difference(o, s)],
    tags=["modify_items", "info", "question", "multi", "no_order_id"])

# 55
u = "mei_li_2872"
add(55, u, "gift wrap?", """
Hi, my order going to Fort Worth is a birthday present. Can you gift wrap it and add a card that says "Happy birthday, Dad"? Thanks! Mei
""", tags=["unanswerable", "no_order_id"])

# 56
u = "sofia_ito_7804"
add(56, u, "charge I don't recognise", """
Hi,

There's a charge of about $3,300 on my Visa from your store for an order with a digital camera, hiking boots and a water bottle. I did not place that order. Please stop it and tell me what's going on - I think my card was used without my permission.

Sofia Ito
""", disposition="escalate", tags=["handoff", "fraud", "no_order_id"])

# 57
u, o = "fatima_lee_3440", "#W8098147"
add(57, u, "Sneakers size - #W8098147", """
Hello, in #W8098147 the gray sneakers are a size 8 but I need a 10. Still gray; I don't mind what they're made of. Charge my Visa for any difference. Fatima Lee
""", actions=[modify_items(o, [swap(o, "Sneakers", {"size": "10"}, free=("material",))],
                           pm(u, "credit_card"))],
    tags=["modify_items"])

# 58
u, o = "omar_muller_7891", "#W8642391"
add(58, u, "open orders should come home", """
Hi, I have a few open orders. Please make sure they all ship to my home address in Chicago - I think one of them is going to San Diego by mistake. Thanks, Omar Muller
""", actions=[order_address(o, default_address(u))], tags=["address", "reference", "no_order_id"])

# 59
u, o = "harper_khan_8862", "#W4725115"
add(59, u, "lamp n clock", """
hiya, in my order thats not shipped yet can u change the desk lamp to black (same medium brightness, ac adapter) and the wall clock to the wood colour one (still 10 inch analog)? the kettle and earbuds stay. mastercard for any diffrence. ta, Harper
""", actions=[modify_items(o, [swap(o, "Desk Lamp", {"color": "black"}),
                              swap(o, "Wall Clock", {"color": "wood"})], pm(u, "credit_card"))],
    tags=["modify_items", "typos", "no_order_id"])

# 60
u, o = "evelyn_lopez_5487", "#W1890669"
add(60, u, "one helmet too many", """
Hello, I already received a black bike helmet, and I see I also have an open order for a blue one - I ordered that by mistake. Please cancel the blue helmet order. The order with the shoes and the grill stays. Evelyn
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "reference", "no_order_id"])

# 61
u = "raj_lopez_5873"
o1, o2 = "#W5107138", "#W7162915"
add(61, u, "cancel one, pay another with paypal", """
Hi,

- The order with the grill, the backpack and the garden hose: please cancel it, I no longer need it.
- The order with the t-shirt and the vacuum: I'd like to pay for it with PayPal instead of my Mastercard.

The third order (boots, skateboard, water bottle) stays as it is.

Raj Lopez
""", actions=[cancel(o1, "no longer needed"), payment(o2, pm(u, "paypal"))],
    tags=["cancel", "payment", "multi", "no_order_id"])

# 62
u = "sophia_patel_6833"
o1, o2 = "#W2923184", "#W7905419"
add(62, u, "earbuds back, sneakers size", """
Hello,

Please return the blue wireless earbuds that came with my laptop; refund to the card I used for that order.

And in my open order, the gray sneakers should be a size 10 instead of 8 - any material is fine as long as they're gray. Visa for the difference.

Sophia Patel
""", actions=[return_items(o1, item_ids(o1, "Wireless Earbuds"), paid_with(o1)),
              modify_items(o2, [swap(o2, "Sneakers", {"size": "10"}, free=("material",))],
                           pm(u, "credit_card", brand="visa"))],
    tags=["return", "modify_items", "multi", "reference", "no_order_id"])

# 63
u, o = "harper_thomas_9402", "#W7425646"
add(63, u, "thermostat + address", """
Hi, my order with the yoga mat and the thermostat is going to Houston, but I need it at my home in Los Angeles. Also I'd like the Google Assistant version of the thermostat instead of Apple HomeKit (still black). Refund the difference to my Visa. Thanks! Harper Thomas
""", actions=[order_address(o, default_address(u)),
              modify_items(o, [swap(o, "Smart Thermostat", {"compatibility": "Google Assistant"})],
                           pm(u, "credit_card", brand="visa"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 64
u, o = "yara_johansson_1629", "#W3372648"
add(64, u, "please cancel my order", """
Hello,

I'm moving abroad next month, so I no longer need the order with the wristwatch, office chair, puzzles and earbuds. Please cancel it and tell me how much will be refunded to my card.

Kind regards,
Yara Johansson
""", actions=[cancel(o, "no longer needed")], facts=[total(o)],
    tags=["cancel", "question", "no_order_id"])

# 65
u, o = "noah_brown_6181", "#W7678072"
add(65, u, "mouse and kettle exchange", """
Hi,

Two exchanges from order #W7678072 please:
- gaming mouse: the white optical one, still wired
- electric kettle: white instead of black, same 1L glass

Keep the backpack. PayPal for the difference either way.

Noah Brown
""", actions=[exchange(o, [swap(o, "Gaming Mouse", {"color": "white", "sensor type": "optical"}),
                           swap(o, "Electric Kettle", {"color": "white"})], pm(u, "paypal"))],
    tags=["exchange"])

# 66
u, o = "noah_patel_6952", "#W1845024"
add(66, u, "back in NY", """
Hi there! My big order (keyboard, helmet, headphones, chair, boots) is set to go to Seattle but I've moved back to New York, so please ship it to my home address. Also the leather hiking boots: a size 11 instead of 12, please. PayPal for any difference. Noah
""", actions=[order_address(o, default_address(u)),
              modify_items(o, [swap(o, "Hiking Boots", {"size": "11"})], pm(u, "paypal"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 67
u, o = "amelia_patel_7834", "#W6497157"
one = item_ids(o, ("Smart Watch", {"color": "silver"}))
add(67, u, "two smart watches", """
Hi, I received two smart watches in one delivery, a silver one and a black one. I'd like to return the silver one. Refund to my gift card. How much is that?
Amelia Patel
""", actions=[return_items(o, one, pm(u, "gift_card"))], facts=[refund(o, one)],
    tags=["return", "question", "no_order_id"])

# 68
u = "harper_kovacs_9747"
add(68, u, "swap air purifier for something else", """
Hello, I don't really need the air purifier I received. Could I exchange it for a vacuum cleaner of about the same price instead? Gift card for any difference. Thanks, Harper
""", tags=["refusal", "no_order_id"])

# 69
u = "amelia_silva_7726"
o1, o2 = "#W7342738", "#W7773202"
add(69, u, "dumbbells + boots", """
Hi,

In my open order with the toothbrush, water bottle and earbuds, please change the dumbbell set to the iron version (still 5-25 lbs adjustable). Use my gift card.

Also I'd like to return the leather hiking boots I received; refund to the gift card as well.

Amelia Silva
""", actions=[modify_items(o1, [swap(o1, "Dumbbell Set", {"material": "iron"})], pm(u, "gift_card")),
              return_items(o2, item_ids(o2, "Hiking Boots"), pm(u, "gift_card"))],
    tags=["modify_items", "return", "multi", "no_order_id"])

# 70
u = "yusuf_hernandez_6785"
home = default_address(u)
add(70, u, "send everything home", """
Hey, I've got a few orders that haven't shipped yet and some of them are going to old addresses (Dallas, Indianapolis). Please send every open order to my home address in Denver. Thanks - Yusuf
""", actions=[order_address("#W2466703", home), order_address("#W6832752", home)],
    tags=["address", "multi", "reference", "no_order_id"])

# 71
u, o = "sofia_thomas_1518", "#W3388163"
ids = all_items(o, "Action Camera")
add(71, u, "return all but the camera", """
Hi! From the order I already received (the one with the action camera), I'd like to send everything back except the camera itself. PayPal refund please. What's the total?

Sofia
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "reference", "no_order_id"])

# 72
u, o = "amelia_ito_8772", "#W3883329"
add(72, u, "fleece + helmet sizes", """
Hello,

For order #W3883329, the one going to Seattle:
- the navy fleece jacket should be XL, not XS - same full zip
- the black helmet should be white instead, same size S and medium ventilation

Charge the difference to my PayPal, please. Nothing else changes.

Amelia Ito
""", actions=[modify_items(o, [swap(o, "Fleece Jacket", {"size": "XL"}),
                              swap(o, "Cycling Helmet", {"color": "white"})], pm(u, "paypal"))],
    tags=["modify_items"])

# 73
u, o = "noah_ito_3850", "#W4219264"
add(73, u, "2 watches??", """
Hi, I somehow orderd two wristwatchs (blue dial, one silicone and one metal) plus a puzzle in the same order. That was a mistake, please cancel the whole order. thx Noah Ito
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "typos", "no_order_id"])

# 74
u, o = "chen_johnson_4204", "#W5061109"
add(74, u, "office chair", """
Hello, if my order with the office chair hasn't shipped yet, I'd like the chair in black with fixed armrests instead of blue adjustable (same fabric, standard back). Refund any difference to PayPal. If it's already on its way, don't change anything. Chen Johnson
""", actions=[modify_items(o, [swap(o, "Office Chair", {"color": "black", "armrest": "fixed"})],
                           pm(u, "paypal"))],
    facts=[status_is(o, "pending")], tags=["modify_items", "conditional", "no_order_id"])

# 75
u, o = "mia_smith_1623", "#W5254379"
ids = item_ids(o, "Desk Lamp", "Bluetooth Speaker")
add(75, u, "lamp and speaker return", """
Hi, I'd like to return the black desk lamp and the red speaker from order W5254379. Refund to PayPal. How much will that be in total? Mia Smith
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 76
u, o = "anya_thomas_1213", "#W7909132"
add(76, u, "cancel + bike", """
Hi,

I'd like to cancel my order with the desk lamp, bookshelf, makeup kit, headphones and tablet - I don't need it anymore.

Also, the green road bike I received: can I exchange it for the blue one? Same medium frame. PayPal for the difference.

Anya Thomas
""", actions=[exchange(o, [swap(o, "Bicycle", {"color": "blue"})], pm(u, "paypal"))],
    tags=["exchange", "refusal", "wrong_state", "multi", "no_order_id"])

# 77
u, o = "evelyn_gonzalez_8209", "#W4500945"
ids = item_ids(o, "Gaming Mouse", "Smart Watch")
add(77, u, "mouse + watch return", """
Hello, I want to return the gaming mouse and the smart watch from my order that went to San Antonio. Refund to the card I paid with. What's the refund total? Thanks, Evelyn
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "reference", "no_order_id"])

# 78
u = "noah_hernandez_4232"
o1, o2 = "#W4802126", "#W3897284"
add(78, u, "address + e-reader", """
Hi,

My order with the fleece jacket and the thermostat is addressed to Dallas - please send it to my home address in Chicago instead.

And in my e-reader order, could you switch to the 32GB version (same 7 inch, wifi + cellular)? Gift card for the difference.

Noah Hernandez
""", actions=[order_address(o1, default_address(u)),
              modify_items(o2, [swap(o2, "E-Reader", {"storage": "32GB"})], pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 79
u = "mei_jackson_1214"
o1, o2 = "#W5881725", "#W6867036"
add(79, u, "two exchanges", """
Hi,

1) The leather hiking boots I got are an 11 - I need a 12, same waterproof leather.
2) From my other delivery (the one to Charlotte), the white wall clock is too small; I'd like the 14 inch version, still white digital.

PayPal for any differences. Thank you!
Mei Jackson
""", actions=[exchange(o1, [swap(o1, "Hiking Boots", {"size": "12"})], pm(u, "paypal")),
              exchange(o2, [swap(o2, "Wall Clock", {"diameter": "14 inches"})], pm(u, "paypal"))],
    tags=["exchange", "multi", "reference", "no_order_id"])

# 80
u = "liam_thomas_8833"
add(80, u, "split payment", """
Hi, my big order with the two cameras and the espresso machine is a lot for one card. Could you split the payment - half on PayPal and half on my Visa? Liam Thomas
""", tags=["refusal", "no_order_id"])
