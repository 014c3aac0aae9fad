"""people_briefs3: a third set of e-mails written by hand in the style of tau-bench's retail task
briefs (see briefs_cases.py for the style and the README for the split and pool rules).

Each of the 36 e-mails was written one at a time after reading that user's orders in
data/retail: templated requests with option literals, narrative ones, persona remarks and
simulator directions left in the first person, several requests in one text, conditionals,
references, exclusions, superlatives, quantities, questions whose answer is a store fact, a
handoff and requests the policy forbids. No text is taken from tau-bench or from the other sets.

HELD OUT WHOLE. This set is the project's final held-out measure: no part of frontdesk was run
on it while it was written, and none of its cases may be opened while tuning a rule, threshold,
model or prompt. One case per user; case n is the n-th user of the `briefs3` pool of
`build.py`.

This file is data (36 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel, default_address,  # noqa: F401
                    difference, exchange, item_ids, modify_items, order_address, paid_with,
                    payment, pm, price, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs3", CASES)


# 1
u, o = "lei_khan_6353", "#W2787996"
s = [swap(o, "T-Shirt", {"color": "black"})]
add(1, u, "Order help", """
I'm Lei Khan, my email is lei.khan8439@example.com. got a red crew neck tee in XXL from you and honestly red is just not my colour, way too loud. I'd like to swap it for the black one, same size, same cotton, same crew neck. Whatever the difference is, take it off the gift card I used to pay for it. how much more is the black one going to cost me?
""", actions=[exchange(o, s, paid_with(o))], facts=[difference(o, s)],
    tags=["exchange", "question", "reference", "no_order_id"])

# 2
u, o1, o2 = "aarav_santos_4279", "#W6111820", "#W8309293"
s = [swap(o1, "Hiking Boots", {"size": "9"}),
     swap(o1, "Wireless Earbuds", {"color": "black"})]
add(2, u, "Order help", """
I'm Aarav Santos, zip code 85070. For my pending order #W6111820: Modify Hiking Boots {'size': '8'} to {'size': '9'}; Wireless Earbuds {'color': 'blue'} to {'color': 'black'}. The coffee maker and the makeup kit stay as they are. Separately, I want to return the perfume from #W8309293, the scent isn't for me. Use my Visa for the difference and for the refund. If the agent asks whether those are all the changes to the pending order, say yes.
""", actions=[modify_items(o1, s, pm(u, "credit_card")),
              return_items(o2, item_ids(o2, "Perfume"), pm(u, "credit_card"))],
    tags=["modify_items", "return", "multi"])

# 3
u, o = "fatima_wilson_7472", "#W5272531"
s = [swap(o, "Electric Toothbrush", {"color": "white"}, where={"color": "blue"}),
     swap(o, "Hiking Boots", {"size": "9"})]
add(3, u, "Order help", """
I'm Fatima Wilson, zip code 92183. I got a big delivery from you with an espresso machine, a kettle, hiking boots and two electric toothbrushes, and I'd like to exchange two things in it. The blue toothbrush that runs on AA batteries: my daughter wants it in white instead, same high speed, still AA. The black rechargeable toothbrush is fine, leave it. And the leather waterproof boots run large, so I need a 9 instead of the 10. Any money back or owed goes on my Visa. That's everything I want exchanged.
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 4
u, o1, o2 = "emma_smith_8564", "#W2417020", "#W3614011"
add(4, u, "Order help", """
I'm Emma Smith, my email is emma.smith3991@example.com. Two quick things about orders that haven't shipped. The laptop order should never have happened, I clicked buy by accident - please cancel it, it was ordered by mistake. Then for the other open order (action camera, air purifier, grey sneakers), I don't want it on my gift card anymore; please move the payment to my PayPal.
""", actions=[cancel(o1, "ordered by mistake"), payment(o2, pm(u, "paypal"))],
    tags=["cancel", "payment", "multi", "no_order_id"])

# 5
u, o = "raj_ito_1740", "#W2053532"
s = [swap(o, "Digital Camera", {"storage": "SD card"})]
add(5, u, "Order help", """
I'm Raj Ito, zip code 60641. The 30MP camera with 10x zoom that was delivered to Houston (same package as the silver laptop) uses CF cards and none of my cards are CF. Please exchange it for the same camera with SD card storage, keeping 30MP and 10x. I'm only doing the camera, the laptop stays. Put the price difference on my Visa and tell me what it is.
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "reference", "no_order_id"])

# 6
u, o1, o2 = "mohamed_lee_5442", "#W6302827", "#W7913362"
s = [swap(o1, "Portable Charger", {"color": "blue"})]
add(6, u, "Order help", """
I'm Mohamed Lee, zip code 75372. I'm staying in Charlotte for a few months. My order that's still pending (the boots, the wireless charger and the bike helmet) should go to the same Charlotte address my two backpacks were shipped to, not to Dallas. While you're at it, make the charger blue instead of black, everything else about it the same. Visa for any difference. No other changes.
""", actions=[order_address(o1, address_of(o2)), modify_items(o1, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 7
u, o1, o2 = "fatima_nguyen_7539", "#W8808563", "#W2904339"
add(7, u, "Order help", """
I'm Fatima Nguyen, zip code 43211. I moved out of the Pine Lane apartment a while ago but my pending order with the white glass bookshelf, smart watch, desk lamp and security camera is still set to go there. Please send it to my current address, the Broadway one that's on my account. My other pending order (tea kettle, perfume, tablet, jigsaw puzzle, luggage) I want cancelled altogether, I no longer need any of it since the trip fell through. How much will come back to my PayPal for that one?
""", actions=[order_address(o1, default_address(u)), cancel(o2, "no longer needed")],
    facts=[total(o2)], tags=["address", "cancel", "multi", "reference", "question", "no_order_id"])

# 8
u, o = "sofia_kovacs_7075", "#W9869592"
s = [swap(o, "Skateboard", {"design": "graphic"}, where={"deck material": "plastic"}),
     swap(o, "Water Bottle", {"color": "blue"})]
add(8, u, "Order help", """
I'm Sofia Kovacs, my email is sofia.kovacs4505@example.com. First: cancel #W8562406, the keyboard and patio umbrella, because I ordered it by mistake. If the agent tells me it can't be cancelled anymore, I'll live with it, don't do anything else to that order. Second, in my pending order with the two skateboards, the sunglasses and the water bottle: the 34 inch plastic skateboard should have the graphic design instead of plain (the maple one stays plain), and the black steel bottle should be blue, same 750ml. Nothing else changes. PayPal for the difference.
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[status_is("#W8562406", "processed")],
    tags=["modify_items", "refusal", "wrong_state", "multi", "conditional"])

# 9
u, o = "isabella_johnson_6293", "#W3431083"
ids = item_ids(o, "Wireless Earbuds")
add(9, u, "Order help", """
I'm Isabella Johnson, zip code 98119. Hi! The white earbuds from order #W3431083 (shipped to Denver with my grey backpack) keep falling out of my ears, so I'd like to send them back. Just the earbuds, I'm keeping the backpack. I paid with PayPal but I'd prefer the refund on my gift card. Could you tell me how much will be refunded?
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 10
u, o1, o2 = "yusuf_rossi_9620", "#W4776164", "#W2378156"
ids = item_ids(o2, "Vacuum Cleaner", "Smart Thermostat")
add(10, u, "Order help", """
I'm Yusuf Rossi, zip code 19122. I have two orders that haven't shipped yet. Cancel the more expensive of the two, the reason is I no longer need it; the one with only the black tee stays. Also from #W2378156 I want to return the robot vacuum and the smart thermostat, money back to my Mastercard. What's the total refund for those two items? If the agent asks for confirmation, say yes to everything.
""", actions=[cancel(o1, "no longer needed"), return_items(o2, ids, pm(u, "credit_card"))],
    facts=[refund(o2, ids)], tags=["cancel", "return", "multi", "reference", "question"])

# 11
u = "yusuf_moore_6437"
add(11, u, "Order help", """
I'm Yusuf Moore, zip code 10144. I want to return the 7 inch e-reader I bought, but I closed my PayPal account last week, so the refund has to go onto my Visa card. If you can't refund it to the Visa, then forget the return, I'll hang on to the e-reader.
""", tags=["refusal", "no_order_id"])

# 12
u, o1, o2 = "sofia_hernandez_5364", "#W3561391", "#W9609649"
s = [swap(o1, "Grill", {"features": "side burner"})]
add(12, u, "Order help", """
I'm Sofia Hernandez, my email is sofia.hernandez3039@example.com. For my pending order #W3561391, change the portable gas Grill {'features': 'none'} to {'features': 'side burner'}, paying the difference with my Visa. Also, what is the tracking number for my order with the e-reader, the coffee maker and the patio umbrella?
""", actions=[modify_items(o1, s, pm(u, "credit_card"))], facts=[tracking(o2)],
    tags=["modify_items", "tracking", "question", "multi"])

# 13
u, o = "liam_johnson_5676", "#W7190291"
ids = all_items(o, "Vacuum Cleaner")
add(13, u, "Order help", """
I'm Liam Johnson, zip code 46244. From my delivered order with the robot vacuum, I'd like to return everything except the vacuum itself, which I love. So that's the in-ear headphones, the perfume and the bluetooth light bulb going back. Refund it to the card I paid with. How much should I expect back? If the agent asks for a reason, say they were gifts nobody wanted.
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "question", "no_order_id"])

# 14
u, o1, o2 = "ethan_santos_6104", "#W5320242", "#W4642822"
s = [swap(o2, "Office Chair", {"color": "blue"}), swap(o2, "Pet Bed", {"size": "large"})]
add(14, u, "Order help", """
I'm Ethan Santos, zip code 80278. Change the shipping address of #W5320242 to my default address in Denver. For #W4642822, modify Office Chair {'color': 'red'} to {'color': 'blue'} and Pet Bed {'size': 'medium'} to {'size': 'large'}; via my Mastercard. Don't touch the gaming mouse. If the agent asks if there's anything else to change in that order, say no.
""", actions=[order_address(o1, default_address(u)), modify_items(o2, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi"])

# 15
u, o = "mei_hernandez_3296", "#W3864587"
s = [swap(o, "Mechanical Keyboard", {"switch type": "tactile"}),
     swap(o, "Bluetooth Speaker", {"color": "blue", "water resistance": "yes"})]
add(15, u, "Order help", """
I'm Mei Hernandez, my email is mei.hernandez3608@example.com. I want to exchange both things in the order that went to Washington DC. The clicky keyboard is driving my roommate crazy - I want the tactile switches instead, keeping the white backlight and the 80% size. And the speaker: I'd like the water resistant version with the same 10 hour battery, ideally still black. If there's no black one like that, I'll take it in blue. Use PayPal for any price difference, and tell me what the difference comes to overall.
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "Bluetooth Speaker", {"water resistance": "yes"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "reference", "no_order_id"])

# 16
u, o = "ivan_hernandez_6923", "#W4284542"
s = [swap(o, "Bluetooth Speaker", {"water resistance": "yes"}),
     swap(o, "Air Purifier", {"room size": "medium"})]
add(16, u, "Order help", """
I'm Ivan Hernandez, zip code 92133. My pending order that ships to Dallas has a red speaker, a phone and an air purifier. Two tweaks before it goes out: the red speaker should be the waterproof model (still red, 10 hours battery), and the air purifier should be the medium room one rather than the large, keeping the HEPA filter and night mode. Phone stays. Settle the difference with my Mastercard ending 4127. What's the net difference, am I paying or getting money back?
""", actions=[modify_items(o, s, pm(u, "credit_card", last_four="4127"))],
    facts=[difference(o, s)], tags=["modify_items", "question", "no_order_id"])

# 17
u = "noah_li_2316"
add(17, u, "Order help", """
I'm Noah Li, zip code 19019. This is the third time I'm writing about my order with the helmet, the makeup kit, the smart watch and the action camera and I'm done with automated replies. I want a real human being from your team to look at it. Please transfer me to a person, I won't discuss it with a bot.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 18
u, o = "olivia_sanchez_2914", "#W5101035"
new = address("1420 Walnut Street", "Apt 3B", "Philadelphia", "PA", "19102")
add(18, u, "Order help", """
I'm Olivia Sanchez, my email is olivia.sanchez1894@example.com. My electric toothbrush order #W5101035 is set to ship to an old adress in Washington DC. Please update it to 1420 Walnut Street, Apt 3B, Philadelphia, PA 19102. Not my account address, just this order. thanks!
""", actions=[order_address(o, new)], tags=["address", "typos"])

# 19
u, o1, o2 = "anya_garcia_3271", "#W6436609", "#W6310710"
s = [swap(o1, "Smart Watch", {"display": "LCD"})]
add(19, u, "Order help", """
I'm Anya Garcia, zip code 19036. My gift card barely has anything left on it, so for my pending order with the laptop, smart watch, makeup kit and tea kettle, please take the gift card off and charge my Visa instead. After that, switch the smart watch to the LCD screen version, still black with the silicone band; whatever it saves should go back to the Visa too. Then one question: what is the tracking number of my other order, the glass kettle on its own?
""", actions=[payment(o1, pm(u, "credit_card")), modify_items(o1, s, pm(u, "credit_card"))],
    facts=[tracking(o2)], tags=["payment", "modify_items", "tracking", "question", "multi", "no_order_id"])

# 20
u, o1, o2 = "ethan_thomas_1791", "#W8465042", "#W7764382"
add(20, u, "Order help", """
I'm Ethan Thomas, my email is ethan.thomas7730@example.com. I'm in a rush so here it is: 1) cancel my order with the gold smartphone and the black smart watch, I ordered it by mistake, and tell me how much goes back on the gift card. 2) the brown memory foam pet bed from #W7764382 (the one shipped to Chicago) is going back, my dog refuses to sleep in it. refund to PayPal, which is what I paid with. That's it.
""", actions=[cancel(o1, "ordered by mistake"),
              return_items(o2, item_ids(o2, "Pet Bed"), pm(u, "paypal"))],
    facts=[total(o1)], tags=["cancel", "return", "multi", "question"])

# 21
u, o1, o2 = "liam_kovacs_4286", "#W1547606", "#W3417600"
s = [swap(o2, "Wireless Earbuds", {"battery life": "6 hours"}),
     swap(o2, "Tea Kettle", {"stovetop compatibility": "electric"})]
add(21, u, "Order help", """
I'm Liam Kovacs, zip code 20065. My laptop and action camera order #W1547606 is going to a Dallas address where I no longer live; please send it to my home address in Washington that's on file. And in #W3417600, I need two changes: the blue earbuds should have the 6 hour battery instead of 8 (same color, same IPX4), and the glass 1 liter tea kettle should be the one for electric stovetops, not gas. Camera and speaker in that order stay the same. Use my gift card, it's all I have.
""", actions=[order_address(o1, default_address(u)), modify_items(o2, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi"])

# 22
u, o = "chen_lopez_3345", "#W9360566"
s = [swap(o, "Cycling Helmet", {"ventilation": "high"}),
     swap(o, "Jigsaw Puzzle", {"pieces": "1000"})]
add(22, u, "Order help", """
I'm Chen Lopez, zip code 98155. For my delivered order #W9360566: Exchange Cycling Helmet {'ventilation': 'low'} to {'ventilation': 'high'} and Jigsaw Puzzle {'pieces': '500'} to {'pieces': '1000'}. Keep everything else about both items. The backpack is fine. Pay or refund through paypal. If the agent asks for confirmation, say yes.
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange"])

# 23
u, o = "yara_johansson_9032", "#W9538251"
add(23, u, "Order help", """
I'm Yara Johansson, my email is yara.johansson5198@example.com. I splurged a bit too much last month. If my priciest order, the one with the automatic espresso machine and the 30MP camera, still hasn't shipped, please cancel it, I no longer need it. I'd like to hear the exact amount that will be refunded to my Visa.
""", actions=[cancel(o, "no longer needed")], facts=[status_is(o, "pending"), total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 24
u, o1, o2 = "yusuf_garcia_3055", "#W4794911", "#W6885344"
ids = item_ids(o1, "T-Shirt", "Desk Lamp")
add(24, u, "Order help", """
I'm Yusuf Garcia, zip code 20080. Two things. From my delivered order with the e-reader and the air purifier in it, I want to send back the two cheapest items (I believe that's the purple tshirt and the black desk lamp), refund to my paypal. How much is that refund? And the order that's just the grey backpack, cancel it please, I no longer need it.
""", actions=[return_items(o1, ids, pm(u, "paypal")), cancel(o2, "no longer needed")],
    facts=[refund(o1, ids)], tags=["return", "cancel", "multi", "question", "reference", "typos", "no_order_id"])

# 25
u, o = "ethan_smith_7905", "#W1138897"
new = address("4410 East Camelback Road", "Unit 12", "Phoenix", "AZ", "85018")
s = [swap(o, "Tea Kettle", {"stovetop compatibility": "induction"})]
add(25, u, "Order help", """
I'm Ethan Smith, zip code 85001. We just moved across town. Please change the default address on my account to 4410 East Camelback Road, Unit 12, Phoenix, AZ 85018. My pending order with the kettle and the green backpack can still go to Main Street, I'll be picking things up there for a while, so leave its address alone. But the new place has an induction cooktop, so change the glass 2 liter tea kettle in that order to the induction version. Charge or refund the difference on my Visa.
""", actions=[user_address(u, new), modify_items(o, s, pm(u, "credit_card"))],
    tags=["user_address", "modify_items", "multi", "no_order_id"])

# 26
u, o = "mei_ahmed_4909", "#W7553978"
s = [swap(o, "Skateboard", {"deck material": "bamboo"}, where={"length": "28 inch"}),
     swap(o, "Smart Watch", {"color": "gold", "band material": "leather"})]
add(26, u, "Order help", """
I'm Mei Ahmed, my email is mei.ahmed4901@example.com. My order W7553978, the one with the canister vacuum, came with two plastic skateboards. The shorter of the two I want to exchange for the bamboo deck version, same length and plain design; the longer one is fine. In that same order I'd also like to exchange the black smart watch with the metal band for the gold one with a leather band, keeping the AMOLED screen. Vacuum stays. My Mastercard for whatever difference there is. Please let me know the amount once it's done.
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "reference"])

# 27
u, o1, o2 = "noah_kovacs_1216", "#W3002300", "#W9440076"
s = [swap(o2, "Water Bottle", {"color": "blue"})]
add(27, u, "Order help", """
I'm Noah Kovacs, zip code 20566. Return Bluetooth Speaker {'color': 'green'} from #W3002300 to my gift card; the black one in that order stays with me. For #W9440076, modify Water Bottle {'color': 'green'} to {'color': 'blue'}, paying with the gift card. Nothing else in that order changes.
""", actions=[return_items(o1, item_ids(o1, ("Bluetooth Speaker", {"color": "green"})), pm(u, "gift_card")),
              modify_items(o2, s, pm(u, "gift_card"))],
    tags=["return", "modify_items", "multi"])

# 28
u, o1, o2, o3 = "harper_kim_2998", "#W2959713", "#W5030602", "#W7807988"
add(28, u, "Order help", """
I'm Harper Kim, zip code 78222. I'm only after information today, please don't change or cancel anything. 1. What's the tracking number for the laptop and dumbbells I sent to Houston? 2. What's the total of my pending order going to Philadelphia, the one with the tea kettle and the thermostat? 3. My other pending order has a gold smart watch with a metal band; how much is that same watch with a leather band instead?
""", facts=[tracking(o1), total(o2), price(o3, "Smart Watch", {"band material": "leather"})],
    tags=["tracking", "info", "question", "multi", "no_order_id"])

# 29
u, o = "sofia_lee_8857", "#W4143549"
s = [swap(o, "Indoor Security Camera", {"resolution": "4K", "connectivity": "Ethernet"}),
     swap(o, "Cycling Helmet", {"size": "L"})]
add(29, u, "Order help", """
I'm Sofia Lee, my email is sofia.lee5283@example.com. I ordered the same 1080p wifi security camera twice, once to my Chestnut Street address and once to the place on Pine Lane. The Chestnut one is fine. The one delivered to Pine Lane (together with the umbrella, the e-reader and a few other things) I want to exchange for the 4K model that connects by Ethernet, keeping the 130 degree field of view. In that same Pine Lane order, the white helmet is too tight; I need size L in the same white with medium ventilation. PayPal for the difference, and what is it?
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "reference", "no_order_id"])

# 30
u, o = "liam_santos_5468", "#W6794581"
add(30, u, "Order help", """
I'm Liam Santos, zip code 78762. Cancel order #W6794581 (red bike helmet + tea kettle, going to Chicago) because it was ordered by mistake. Nothing else.
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel"])

# 31
u, o = "isabella_lopez_6490", "#W4923227"
add(31, u, "Order help", """
I'm Isabella Lopez, zip code 85034. For my pending order #W4923227 (one red waterproof bluetooth speaker), please change the payment from my Mastercard to my PayPal account. I'm not changing the speaker itself, but out of curiosity, what does the exact same speaker cost in blue?
""", actions=[payment(o, pm(u, "paypal"))],
    facts=[price(o, "Bluetooth Speaker", {"color": "blue"})],
    tags=["payment", "info", "question", "multi"])

# 32
u, o = "yusuf_lee_5921", "#W3631991"
s = [swap(o, "Wall Clock", {"diameter": "14 inches"})]
add(32, u, "Order help", """
I'm Yusuf Lee, my email is yusuf.lee4349@example.com. The black analog wall clock that came to Fort Worth with my water bottle looks tiny on the wall. Please exchange it for the largest size you carry in that same clock, still black and analog. Keep the bottle. Any extra charge goes on PayPal. If the agent asks, that's the only item I'm exchanging.
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 33
u, o = "daiki_li_8218", "#W6958840"
s = [swap(o, "Cycling Helmet", {"ventilation": "high"}, where={"size": "L"}),
     swap(o, "Office Chair", {"material": "leather"})]
add(33, u, "Order help", """
I'm Daiki Li, zip code 75201. my pending order #W6958840 has two bike helmets, a speaker, a tablet and an office chair. the large black helmet should be the high ventilation version, not low - the small white one for my kid is fine as is. and the grey mesh chair: same thing but in leather (still grey, fixed armrests, high back). dont change the speaker or the tablet. refund whatever is left over to my visa and tell me how much that is.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "typos"])

# 34
u, o = "mason_johansson_8128", "#W4352605"
ids = item_ids(o, "Laptop")
add(34, u, "Order help", """
I'm Mason Johansson, zip code 98103. Return the Laptop {'screen size': '15-inch', 'processor': 'i5'} from #W4352605 and keep the gaming mouse. Refund to my gift card, which is what I paid with. If asked for a reason, say my company gave me one so I no longer need it. Tell me the refund amount.
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 35
u, o = "sophia_nguyen_7885", "#W4183735"
new = address("77 West Huron Street", "Apt 1203", "Chicago", "IL", "60654")
add(35, u, "Order help", """
I'm Sophia Nguyen, zip code 60647. Change the shipping address of order #W4183735 to 77 West Huron Street, Apt 1203, Chicago, IL 60654 - it's my sister's place and I'll be staying there when it arrives. Keep my account address as it is. Also remind me what the order total was for that one, I don't have the reciept anymore.
""", actions=[order_address(o, new)], facts=[total(o)],
    tags=["address", "question", "multi", "typos"])

# 36
u, o1, o2 = "sophia_garcia_5795", "#W4958652", "#W6447372"
s = [swap(o1, "Tea Kettle", {"capacity": "1.5 liters"}, where={"material": "ceramic"})]
add(36, u, "Order help", """
I'm Sophia Garcia, my email is sophia.garcia5907@example.com. I have an order that hasn't shipped with an office chair, a helmet, a thermostat and two tea kettles, and it's somehow going to Houston. Please ship it to the same Charlotte address as my other pending order (the one with the laptop and the cameras). Also in the Houston order, the cheaper of the two kettles (the ceramic one) is too small: make it 1.5 liters, still ceramic and induction. Leave the steel kettle alone. Charge the difference to my Visa.
""", actions=[order_address(o1, address_of(o2)), modify_items(o1, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])
