"""people_test: e-mails written by hand for this project, labelled from the store.

HELD OUT. Nobody tunes a rule, threshold or prompt on these cases; `dev_cases.py` is the set to
tune on. One case per user; the users are the test pool of `build.py`.

This file is data (120 e-mails, each with its label) and so runs past 600 lines: one held-out
set is one unit to review.
"""
from labels import (address, address_of, all_items, available, balance, cancel, case,
                    default_address, difference, exchange, item, item_ids, modify_items,
                    order_address, paid_with, payment, pm, policy, price, refund, return_items,
                    status_is, swap, total, tracking, user_address)

CASES = []


def add(n, uid, subject, body, **label):
    CASES.append(case(f"people-test-{n:03d}", uid, subject, body, **label))


# 1
u, o = "evelyn_anderson_9102", "#W5931168"
s = [swap(o, "Yoga Mat", {"thickness": "4mm", "color": "blue"})]
add(1, u, "yoga mat exchange", """
Hi,

I bought a green yoga mat from you a few weeks back and honestly it's too thick for me, I keep
losing my balance on it. Could I swap it for the 4mm one in blue? Whatever the difference in
price is, please put it on my gift card rather than my Visa. Also, how much will that come to?

Thanks,
Evelyn
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "no_order_id", "question"])

# 2
u, o = "harper_smith_4233", "#W2954950"
ids = all_items(o, "Mechanical Keyboard")
add(2, u, "Returning part of my order", """
hello, about the order that went to my Austin address - please return everything in it except the keyboard, I'm keeping that one. The weights just take up too much room in my apartment. Refund back to paypal is fine. How much should I expect back?
Harper Smith
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "no_order_id", "question"])

# 3
u, o = "emma_rossi_2839", "#W9152938"
s = [swap(o, "Skateboard", {"length": "34 inch"}), swap(o, "Jigsaw Puzzle", {"pieces": "500"})]
add(3, u, "Change to my order before it ships", """
Hi there!

I placed an order with a tablet, a skateboard and a puzzle and it hasn't shipped yet, so hopefully I can still change two things:
1) the skateboard - can I get the 34 inch one instead of the 31? Same bamboo deck and graphic design.
2) the puzzle - I'd like the 500 piece version instead of the 1000 (same animal theme, still expert).

The tablet stays as it is. That's everything I want changed. Use my PayPal for any difference.

Thank you so much,
Emma
""", actions=[modify_items(o, s, pm(u, "paypal"))], tags=["modify_items", "no_order_id"])

# 4
u = "noah_wilson_6623"
o1, o2 = "#W9288362", "#W5791505"
add(4, u, "two returns", """
Hello,

Two returns please:
- the blue over-ear headphones (order W9288362)
- the little A6 notebook from my other order, the one with the vacuum in it

Refund both to the card I paid with.

Noah Wilson
""", actions=[return_items(o1, item_ids(o1, "Headphones"), paid_with(o1)),
              return_items(o2, item_ids(o2, "Notebook"), paid_with(o2))],
    tags=["return", "multi", "reference"])

# 5
u = "ava_smith_1453"
add(5, u, "watch payment + keyboard", """
Hi, two things.

The smart watch I ordered - I paid with my gift card but I'd like to keep that balance for something else, can you charge my Mastercard instead?

And the keyboard I ordered before that, has it shipped? A tracking number would be great.

thx
Ava
""", actions=[payment("#W8328622", pm(u, "credit_card"))], facts=[tracking("#W3197825")],
    tags=["payment", "tracking", "multi", "no_order_id", "question"])

# 6
u, o = "anya_silva_8688", "#W2570197"
s = [swap(o, "Fleece Jacket", {"size": "XL"})]
add(6, u, "fleece jacket", """
Hi! My fleece jacket arrived but XS was a silly choice on my part, I need an XL. Same navy color with the full zip please. Charge any difference to my card. Anya
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 7
u = "harper_ito_5985"
add(7, u, "cancel", """
Please cancel the order with the skateboard and the water bottle, I don't need it anymore. Thanks.
- Harper Ito
""", tags=["refusal", "wrong_state", "no_order_id"])

# 8
u, o = "emma_rossi_6933", "#W4213437"
ids = item_ids(o, "Laptop", "Desk Lamp")
add(8, u, "Return request #W4213437", """
Hello,

I'd like to retrun the laptop and the desk lamp from order #W4213437. The laptop runs way too hot and the lamp is dimmer than I expected. Please refund to the gift card I paid with. What will the total refund be?

Regards,
Emma Rossi
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "typos"])

# 9
u = "ethan_khan_3904"
add(9, u, "where is my order??", """
hey where's my stuff? ordered hiking boots and a bookshelf ages ago. tracking number?
""", facts=[tracking("#W4347784")],
    tags=["tracking", "status", "no_order_id", "question", "annoyed"])

# 10
u = "isabella_johnson_1272"
add(10, u, "refund for cancelled puzzle", """
Good afternoon,

I cancelled my jigsaw puzzle order a while ago. Could you confirm how much was refunded to me?

Kind regards,
Isabella Johnson
""", facts=[total("#W7454537")], tags=["info", "no_order_id", "question"])

# 11
u, o = "liam_silva_3628", "#W8367567"
s = [swap(o, "Bookshelf", {"height": "5 ft"}, where={"color": "brown"}),
     swap(o, "Headphones", {"connectivity": "wireless", "color": "black"})]
add(11, u, "changes to my pending order", """
Hello, I have an order that hasn't shipped yet with two glass bookshelves in it, a brown one and a white one. Turns out the brown one (4 ft) is too short for my wall. If you have the same brown glass one in 5 ft, please switch it to that. If not, then honestly just cancel the whole order and I'll start over.

Assuming the bookshelf works out, I'd also like the red in-ear headphones changed to the wireless ones in black. Nothing else changes. Paypal for any difference.

Liam
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Bookshelf", {"height": "5 ft"}, True, where={"color": "brown"})],
    tags=["modify_items", "conditional", "no_order_id"])

# 12
u, o = "mason_sanchez_7536", "#W9342124"
ids = all_items(o, "Digital Camera", "Smart Watch")
add(12, u, "Return", """
Hi,

From my big order (the one with the camera) I want to send back everything except the camera and the smart watch. Refund to my gift card. How much is that in total?

Mason Sanchez
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "no_order_id", "question"])

# 13
u, o = "raj_anderson_8746", "#W8389220"
add(13, u, "Wrong order!!", """
Hi support,

I clicked buy on the wrong cart - the laptop and the espresso machine were ordered by mistake. Please cancel that order before it ships. How much will go back to my PayPal?

Raj Anderson
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "no_order_id", "question"])

# 14
u, o = "raj_smith_7423", "#W8704143"
add(14, u, "delivery address for kettle", """
hi, i'll be staying at my sisters place for a few weeks so could you send the electric kettle i ordered there instead? 41 Maple Court, Apt 3B, Arlington, VA 22201. thanks a lot, raj
""", actions=[order_address(o, address("41 Maple Court", "Apt 3B", "Arlington", "VA", "22201"))],
    tags=["address", "no_order_id"])

# 15
u, o = "ava_sanchez_8588", "#W8587412"
add(15, u, "return tea kettle", """
Hi I'd like to return the glass tea kettle I recieved, it doesnt work on my stove. Refund to my mastercard ending 9885 please. Ava
""", actions=[return_items(o, item_ids(o, "Tea Kettle"), pm(u, "credit_card", "9885"))],
    tags=["return", "no_order_id", "typos"])

# 16
u, o = "yusuf_johnson_8087", "#W6735441"
s = [swap(o, "Cycling Helmet", {"color": "white"}, where={"color": "red"}),
     swap(o, "Cycling Helmet", {"size": "S"}, where={"color": "blue"})]
add(16, u, "helmets", """
Hello,

My order with the perfume and the pet bed also had two cycling helmets, a red one in M and a blue one in L. I'd like to exchange both:
- the red M for a white one, same size and same low ventilation
- the blue L for the same blue helmet but in size S

The perfume and the pet bed are fine, I'm keeping them. Please use my Mastercard for any price difference. That's all.

Thank you,
Yusuf Johnson
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 17
u, o = "evelyn_moore_6558", "#W4308578"
s = [swap(o, "E-Reader", {"storage": "32GB"}),
     swap(o, "Smart Thermostat", {"compatibility": "Google Assistant", "color": "black"})]
add(17, u, "Order change", """
Good morning,

Before my e-reader and thermostat ship, could you please change them?
- e-reader: the 32GB one instead of 8GB (keep the 8 inch screen and wifi only)
- thermostat: I don't have Apple stuff, so the Google Assistant one. In black.

Those are the only two things in the order and the only changes. Any money back goes to my gift card. Can you tell me how much that will be?

Evelyn Moore
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "no_order_id", "question"])

# 18
u, o = "harper_moore_7767", "#W1926021"
add(18, u, "toothbrush + helmet", """
Hey! Two things:
1. Please cancel my electric toothbrush order, I found one I like better.
2. I want to return the white bike helmet I got with my fleece jacket. Refund to PayPal.
Thanks, Harper
""", actions=[return_items(o, item_ids(o, "Cycling Helmet"), pm(u, "paypal"))],
    tags=["return", "refusal", "wrong_state", "multi", "no_order_id"])

# 19
u, o = "fatima_li_8519", "#W5267498"
add(19, u, "Shipping address", """
Hello! The action camera I ordered is going to my old place in San Antonio. Could you ship it to my home address on file instead? Thanks! Fatima
""", actions=[order_address(o, default_address(u))], tags=["address", "reference", "no_order_id"])

# 20
u, o = "noah_nguyen_3444", "#W4418025"
s = [swap(o, "Wristwatch", {"strap material": "leather"}),
     swap(o, "Coffee Maker", {"color": "stainless steel"})]
add(20, u, "exchange watch & coffee maker", """
Hi team,

Regarding the order delivered to Fort Worth: I'd like to exchange two items.

The wristwatch - the metal strap irritates my skin. Same watch with a leather strap please, black dial still.
The coffee maker - white looks out of place in my kitchen, I want the stainless steel one. Same 4 cups, drip, auto shutoff.

Everything else in that order stays. Use my gift card for the difference either way and tell me what the difference comes to.

Best,
Noah Nguyen
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "reference", "no_order_id", "question"])

# 21
u, o = "sofia_khan_9820", "#W7532822"
s = [swap(o, "T-Shirt", {"size": "XXL"})] * 2
add(21, u, "T-shirts too small - #W7532822", """
Hi, in order #W7532822 I got two black t-shirts in XL and they're both too tight. Could I exchange both for XXL? Same black cotton crew neck. PayPal is fine for the difference, and how much extra will it be?

Sofia
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 22
u, o = "amelia_kim_4338", "#W7634667"
add(22, u, "2 kettles??", """
Hi there, I just noticed I ordered two tea kettles by mistake in my last order (a glass one and a ceramic one). Please take the ceramic one off. If you can't remove a single item, then cancel that whole order and I'll place it again properly.

Thanks
Amelia Kim
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "no_order_id"])

# 23
u = "ethan_nguyen_7565"
add(23, u, "pay with gift card?", """
Hello, can you move the payment on my bike order over to my gift card instead of PayPal? And how much is left on that gift card anyway?
Ethan
""", facts=[balance(u, pm(u, "gift_card"))],
    tags=["info", "question", "refusal", "multi", "no_order_id"])

# 24
u = "anya_kim_6731"
add(24, u, "I'm moving", """
Hi,

I'm moving next week. Please send my bookshelf to my new place instead: 77 Ocean Avenue, Unit 12, Santa Monica, CA 90401. And please update the address on my account to the same.

Thanks!
Anya Kim
""", actions=[user_address(u, address("77 Ocean Avenue", "Unit 12", "Santa Monica", "CA", "90401"))],
    tags=["user_address", "refusal", "wrong_state", "multi", "no_order_id"])

# 25
u = "mia_moore_7778"
add(25, u, "undo cancel", """
hi, I cancelled my tablet order a while ago but I've changed my mind. Can you just un-cancel it and send it out? Mia
""", tags=["refusal", "wrong_state", "no_order_id"])

# 26
u = "aarav_martin_9556"
add(26, u, "#W2530531 - I want a human", """
I have been waiting for order #W2530531 for two weeks now. I don't want another automated answer, I want to talk to an actual person. Please have someone contact me.

Aarav Martin
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed"])

# 27
u = "daiki_moore_2077"
add(27, u, "Has #W9956813 shipped?", """
Hello,

Could you tell me whether order #W9956813 (skateboards, headphones, pet bed and a water bottle) has shipped yet, and if so what the tracking number is?

Many thanks,
Daiki Moore
""", facts=[tracking("#W9956813")], tags=["tracking", "status", "question"])

# 28
u = "daiki_silva_1055"
add(28, u, "kettle question", """
Hi, quick question before my kettles arrive: is the ceramic tea kettle dishwasher safe, and does it whistle? Daiki
""", tags=["unanswerable", "no_order_id"])

# 29
u = "liam_li_6251"
o1, o2 = "#W4503264", "#W7554786"
add(29, u, "shoes + shirt", """
Hey,

1) The running shoes I ordered - can you change them to a size 10? I want to stay with white; I don't care about the material or the sole.
2) The blue v-neck t-shirt I received doesn't fit, I'd like to return it.

Use my gift card for both (pay the difference for the shoes with it, and refund the shirt to it).

Liam Li
""", actions=[modify_items(o1, [swap(o1, "Running Shoes", {"size": "10"},
                                                       free=("material", "sole"))], pm(u, "gift_card")),
              return_items(o2, item_ids(o2, "T-Shirt"), pm(u, "gift_card"))],
    tags=["modify_items", "return", "multi", "no_order_id"])

# 30
u = "juan_nguyen_7430"
o1, o2 = "#W9537685", "#W2430890"
add(30, u, "keyboard + watch", """
Hello, if my mechanical keyboard order hasn't shipped yet, please cancel it - I don't need it anymore. And I'd like to return the gold smart watch from my other order, refund to my card. Thanks, Juan Nguyen
""", actions=[cancel(o1, "no longer needed"),
              return_items(o2, item_ids(o2, "Smart Watch"), paid_with(o2))],
    facts=[status_is(o1, "pending")], tags=["cancel", "return", "multi", "conditional", "no_order_id"])

# 31
u, o = "juan_gonzalez_6489", "#W8046874"
s = [swap(o, "Portable Charger", {"color": "blue"})]
add(31, u, "charger color - order W8046874", """
Hi, the portable charger from order W8046874 - I'd like to exchange it for the blue one, same 20000mAh wireless. How much extra is the blue? Take it from my gift card.
Thanks
Juan
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 32
u, o = "emma_ito_4529", "#W8664580"
add(32, u, "payment method", """
Hello, for order #W8664580 (water bottle) please charge my Visa instead of PayPal. Thank you! Emma Ito
""", actions=[payment(o, pm(u, "credit_card"))], tags=["payment"])

# 33
u, o = "fatima_taylor_2349", "#W9854700"
add(33, u, "Cancel #W9854700", """
Dear customer service,

Please cancel order #W9854700. My employer is providing me with a laptop after all, so I no longer need it (or the keyboard).

The refund goes back to my PayPal, right? How long does that usually take?

Best regards,
Fatima Taylor
""", actions=[cancel(o, "no longer needed")], facts=[policy("5 to 7 business days")],
    tags=["cancel", "policy", "question", "multi"])

# 34
u, o = "harper_khan_9597", "#W8073958"
add(34, u, "order going to San Diego", """
Hi,

My pending order (camera, earbuds, air purifier, action cam) is set to ship to San Diego - that's wrong, please send it to my home address in Philadelphia.

While you're in there: the air purifier, I'd prefer the night mode version instead of smart sensors (still large room, HEPA). Charge any difference to my Mastercard. Nothing else to change.

Harper Khan
""", actions=[order_address(o, default_address(u)),
              modify_items(o, [swap(o, "Air Purifier", {"features": "night mode"})],
                           pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 35
u, o = "yara_martin_9470", "#W4538969"
s = [swap(o, "Headphones", {"color": "white"})]
add(35, u, "#W4538969 headphones", """
Hiya - on #W4538969 could you switch the red on-ear headphones to white? Same wireless on-ear model. Nothing else in the order changes. Refund any difference to PayPal and let me know how much it is. Cheers, Yara
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 36
u = "james_johnson_9321"
o1, o2 = "#W7836908", "#W1006327"
add(36, u, "Two orders", """
Hi there,

Two requests about my open orders:

- The order with the sunglasses, running shoes and skateboard: please cancel it, I don't need any of it anymore.
- The order with the wristwatch: I'd like the watch with a leather strap instead of the silicone one, keep the black dial. The rest of that order is fine.

My Visa can cover any price difference.

James Johnson
""", actions=[cancel(o1, "no longer needed"),
              modify_items(o2, [swap(o2, "Wristwatch", {"strap material": "leather"})],
                           pm(u, "credit_card"))],
    tags=["cancel", "modify_items", "multi", "no_order_id"])

# 37
u, o = "anya_muller_4683", "#W3248320"
s = [swap(o, "Cycling Helmet", {"size": "S"}),
     swap(o, "Perfume", {"gender": "women"})]
add(37, u, "exchange helmet and perfume", """
Hello,

I got my order with the robot vacuum and I'd like to exchange two things in it:
the bike helmet is too big - I need it in a small, same blue color and ventilation;
and the perfume - I meant to get the women's version of the same woody 30ml one.

Please put any price difference on my Mastercard.

Anya
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 38
u = "evelyn_lee_1924"
o1, o2 = "#W3181060", "#W2015099"
add(38, u, "return + exchange", """
Hi! I want to return the keyboard from order W3181060, I don't use it. Also from my coffee maker order I'd like to exchange the desk lamp for a black one, USB powered, medium brightness. PayPal for everything please.

thanks,
Evelyn Lee
""", actions=[return_items(o1, item_ids(o1, "Mechanical Keyboard"), pm(u, "paypal")),
              exchange(o2, [swap(o2, "Desk Lamp", {"color": "black", "brightness": "medium",
                                                   "power source": "USB"})], pm(u, "paypal"))],
    tags=["return", "exchange", "multi"])

# 39
u = "mia_nguyen_6399"
office = address("1200 Commerce Street", "Suite 400", "San Antonio", "TX", "78205")
add(39, u, "ship to my office", """
Hi, I won't be home during the day for the next while. Could you ship both of my open orders to my office instead? 1200 Commerce Street, Suite 400, San Antonio, TX 78205. Thank you, Mia Nguyen
""", actions=[order_address("#W4657527", office), order_address("#W7259788", office)],
    tags=["address", "multi", "no_order_id"])

# 40
u = "isabella_thomas_4211"
add(40, u, "WRONG ADDRESS", """
My espresso machine is being shipped to Los Angeles?! I haven't lived there in a year. I live in Charlotte. Change the address on that order right now please.
""", tags=["refusal", "wrong_state", "annoyed", "no_order_id"])

# 41
u, o = "ethan_li_6208", "#W7309535"
gs = {"compatibility": "Google Assistant"}
add(41, u, "thermostat doesn't work with my setup", """
Hi,

The smart thermostat I received is the Alexa version but my whole house runs on Google Assistant. Could I exchange it for the Google Assistant one? I'd like to keep the stainless steel finish if possible, but if that's not available then black is fine. Charge the difference to my Mastercard.

Thanks,
Ethan
""", actions=[exchange(o, [swap(o, "Smart Thermostat", {**gs, "color": "black"})],
                       pm(u, "credit_card"))],
    facts=[available(o, "Smart Thermostat", gs, False)],
    tags=["exchange", "conditional", "no_order_id"])

# 42
u, o = "mason_ahmed_2061", "#W2101159"
ids = item_ids(o, "Grill", "Luggage Set")
add(42, u, "Returning grill and luggage (#W2101159)", """
hello

I need to return 2 things from #W2101159: the charcoal grill and the red luggage set. Neither is what I expected. Refund to the gift card I used please. what's the total I'll get back?

Mason
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 43
u, o = "harper_ahmed_5055", "#W9532616"
s = [swap(o, "Indoor Security Camera", {"resolution": "4K"}),
     swap(o, "Water Bottle", {"color": "red"})]
add(43, u, "exchange two items", """
Hi there,

From my last delivery (the one with the digital camera) I'd like to exchange:
* the indoor security camera -> the 4K version, same 130 degree view and ethernet
* the blue water bottle -> red, same 750ml stainless

Everything else I keep. Use my gift card for the difference and please tell me the amount.

Harper Ahmed
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 44
u, o = "juan_garcia_9528", "#W1013897"
add(44, u, "change water bottle in order #W1013897", """
hi can u change the water bottle in my order #W1013897 to the glass one? still 500ml and black. i think its cheaper, put the diffrence back on my gift card. thats the only change, the kettle stays.
""", actions=[modify_items(o, [swap(o, "Water Bottle", {"material": "glass"})], pm(u, "gift_card"))],
    tags=["modify_items", "typos"])

# 45
u = "mei_patel_7272"
visa = pm(u, "credit_card")
add(45, u, "Payment for my orders", """
Hello,
Please switch the payment on both of my open orders from PayPal to my Visa card.
Thank you,
Mei Patel
""", actions=[payment("#W9583042", visa), payment("#W4082615", visa)],
    tags=["payment", "multi", "no_order_id"])

# 46
u = "liam_muller_2178"
o1, o2 = "#W9486384", "#W9827806"
add(46, u, "returns", """
Hi,

I'm moving abroad and need to cut down on stuff, so I'd like to return everything I've received from you except the smartphone. Refund to my Visa, which is what I paid with.

Regards,
Liam Muller
""", actions=[return_items(o1, all_items(o1, "Smartphone"), paid_with(o1)),
              return_items(o2, all_items(o2), paid_with(o2))],
    tags=["return", "exclusion", "multi", "no_order_id"])

# 47
u = "mason_lopez_5208"
o1, o2 = "#W8185761", "#W3130816"
add(47, u, "laptop return and bookshelf", """
Hey,

So my order that went to Dallas had two laptops in it, I only meant to get one. Please return the 17 inch silver one, refund to PayPal.

Also my bookshelf order hasn't shipped - I'd like the bookshelf in black instead of white (same wood, 5 ft). PayPal for that too.

Mason
""", actions=[return_items(o1, item_ids(o1, ("Laptop", {"screen size": "17-inch"})), pm(u, "paypal")),
              modify_items(o2, [swap(o2, "Bookshelf", {"color": "black"})], pm(u, "paypal"))],
    tags=["return", "modify_items", "multi", "reference", "no_order_id"])

# 48
u, o = "aarav_davis_5411", "#W6552785"
s = [swap(o, "T-Shirt", {"color": "black"})]
add(48, u, "t-shirt colour", """
Hi - the red t-shirt I got with my espresso machine order, can I swap it for a black one? same XXL cotton crew neck. Pay whatever extra with my Visa. How much more is it?
Aarav
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 49
u, o = "liam_moore_4057", "#W3169501"
add(49, u, "bookshelf height", """
Hello, if my order with the air purifier and the glass bookshelf hasn't shipped yet, I'd like the bookshelf to be 6 ft tall instead of 5 ft - otherwise identical (white, glass). PayPal can cover the difference. The air purifier stays the same. Thanks, Liam Moore
""", actions=[modify_items(o, [swap(o, "Bookshelf", {"height": "6 ft"})], pm(u, "paypal"))],
    facts=[status_is(o, "pending")], tags=["modify_items", "conditional", "no_order_id"])

# 50
u = "juan_smith_5229"
o1, o2 = "#W1429524", "#W7546247"
add(50, u, "payment + office chair", """
Hi,

A couple of things on my open orders:
- For the coffee maker and vacuum order, please take the payment off my gift card and put it on PayPal instead.
- For the office chair in my other order: I'd like it in blue with adjustable armrests instead of black with fixed ones (same fabric, standard back). PayPal for the difference. Nothing else in that order changes.

Thanks!
Juan Smith
""", actions=[payment(o1, pm(u, "paypal")),
              modify_items(o2, [swap(o2, "Office Chair", {"color": "blue", "armrest": "adjustable"})],
                           pm(u, "paypal"))],
    tags=["payment", "modify_items", "multi", "no_order_id"])

# 51
u = "mei_garcia_1676"
add(51, u, "double charge!!!", """
I just looked at my credit card statement and I was charged TWICE for the hiking boots I ordered. I did not authorize a second charge. I'm calling my bank to dispute it today unless someone fixes this immediately.

Mei Garcia
""", disposition="escalate", tags=["handoff", "fraud", "annoyed", "no_order_id"])

# 52
u = "juan_brown_8562"
add(52, u, "price drop on espresso machine", """
Hello,

I bought two espresso machines from you recently and I see the 19 bar one is now cheaper on your site than what I paid. Do you do price adjustments? I'd like the difference refunded to my Visa.

Juan Brown
""", tags=["refusal", "no_order_id"])

# 53
u = "ava_hernandez_9365"
add(53, u, "tracking + faster shipping?", """
Hi! Could I get the tracking number for my order with the bookshelf, sunglasses, wall clock and bike helmet? And is there any way to upgrade it to faster shipping? I'd like it before the weekend. Thanks, Ava
""", facts=[tracking("#W4506173")],
    tags=["tracking", "status", "question", "unanswerable", "multi", "no_order_id"])

# 54
u = "mia_taylor_6226"
add(54, u, "supervisor please", """
Hello,

I have been given the run-around about my order with the bookshelf and the dumbbells. I would like a supervisor to call me at 210-555-0143. I'm not going to go through this again with an automated system.

Mia Taylor
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 55
u, o = "amelia_nguyen_5209", "#W9324386"
s = [swap(o, "Tablet", {"color": "silver"}), swap(o, "Headphones", {"color": "black"})]
add(55, u, "Exchange on #W9324386", """
Hello,

I would like to exchange two items from order #W9324386:
- the gold 7 inch tablet for the silver one (same 32GB)
- the blue wireless over-ear headphones for black ones

The luggage set stays. Please charge the difference to my Visa and let me know the total difference.

Thank you,
Amelia Nguyen
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 56
u, o = "omar_anderson_5940", "#W2091016"
add(56, u, "boots size", """
hey, the hiking boots in my order that hasnt shipped - can you make them a size smaller? same waterproof synthetic ones. paypal for whatever the difference is. nothing else changes. omar
""", actions=[modify_items(o, [swap(o, "Hiking Boots", {"size": "10"})], pm(u, "paypal"))],
    tags=["modify_items", "no_order_id"])

# 57
u, o = "lucas_johnson_2067", "#W7016806"
to = {"color": "white", "height": "6 ft"}
add(57, u, "bookshelf", """
Hi,

The brown glass bookshelf I received clashes with everything in my living room. I'd like to exchange it for the white glass one in 6 ft if you have it; if that isn't available, I'll just return the bookshelf instead. Any money owed either way goes to my gift card.

Lucas Johnson
""", actions=[exchange(o, [swap(o, "Bookshelf", to)], pm(u, "gift_card"))],
    facts=[available(o, "Bookshelf", to, True)], tags=["exchange", "conditional", "no_order_id"])

# 58
u, o = "omar_taylor_1594", "#W4928532"
add(58, u, "helmet too small", """
Helmet's too small, can I get a medium instead? same white one. put the difference on my card. thanks
""", actions=[exchange(o, [swap(o, "Cycling Helmet", {"size": "M"})], pm(u, "credit_card"))],
    tags=["exchange", "no_order_id"])

# 59
u = "fatima_anderson_6252"
add(59, u, "question about returns", """
Hi there,

I'm thinking about returning the glass bookshelf I got. Before I decide: if I return it, can the refund go onto my Mastercard? I paid with PayPal but I'd prefer it on the card. I don't want to start a return yet, just asking.

Fatima
""", facts=[policy("original payment method")], tags=["policy", "question", "no_order_id"])

# 60
u, o = "emma_nguyen_5878", "#W5809689"
add(60, u, "cancel kettle order", """
Hi,

I ordered a ceramic tea kettle by mistake, please cancel it. Can the refund go on my gift card instead of the Mastercard?

Emma
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "refusal", "multi", "no_order_id"])

# 61
u, o = "chen_moore_6080", "#W9205196"
s = [swap(o, "Laptop", {"processor": "i7", "ram": "32GB", "color": "black"})]
add(61, u, "laptop specs", """
Hello,

I ordered a 17 inch laptop that hasn't shipped yet. I picked the wrong configuration: I'd like the i7 with 32GB of RAM in black instead (still 17 inch, still 1TB). If it's cheaper, please refund the difference to my Mastercard - and tell me how much it is.

Thanks,
Chen Moore
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 62
u, o = "aarav_anderson_8794", "#W4316152"
one = [item(o, "Tea Kettle")["item_id"]]
add(62, u, "got 2 kettles", """
Hi, I received two of the same glass tea kettle in one order but I only need one. I'd like to return one of them (just one!). Refund to my gift card. How much will I get back for it?
Thanks - Aarav Anderson
""", actions=[return_items(o, one, pm(u, "gift_card"))], facts=[refund(o, one)],
    tags=["return", "question", "no_order_id"])

# 63
u, o = "harper_kim_9968", "#W5386730"
add(63, u, "cancel backpack", """
Hi, please cancel my backpack order - I found one I like better, so I don't need it anymore. Thanks, Harper
""", actions=[cancel(o, "no longer needed")], tags=["cancel", "no_order_id"])

# 64
u = "emma_lopez_8196"
add(64, u, "new address + where's my order", """
Hi!

I've just moved. Could you update my address on my account to 2250 Larimer Street, Apt 5C, Denver, CO 80205?

Also, my order with the helmet, hiking boots and t-shirt - is it on its way? What's the tracking number?

Thanks so much,
Emma Lopez
""", actions=[user_address(u, address("2250 Larimer Street", "Apt 5C", "Denver", "CO", "80205"))],
    facts=[tracking("#W4686509")],
    tags=["user_address", "tracking", "status", "question", "multi", "no_order_id"])

# 65
u = "daiki_moore_8567"
add(65, u, "Laptop overheated - damage", """
To whom it may concern,

One of the laptops I received from you overheated last night and scorched my desk. I have photos. I've contacted a lawyer and expect your company to cover the damage. Please forward this to whoever handles these matters.

Daiki Moore
""", disposition="escalate", tags=["handoff", "legal", "no_order_id"])

# 66
u = "harper_lee_2110"
o1, o2 = "#W8584917", "#W4363379"
add(66, u, "a few things", """
Hi there, sorry this is long, I have a few things to sort out.

First, my order with the wall clock and the coffee maker hasn't shipped yet. I'd like the wall clock in white instead of black, same 14 inch digital. The coffee maker stays as is. If it's cheaper, refund to my gift card.

Second, from the order with the desk lamp and air purifier, I want to return the LED light bulb and the electric toothbrush. Refund to my gift card as well.

Last, can you send me the tracking number for the order with the grill? I'd like to know where it is.

Thank you!!
Harper Lee
""", actions=[modify_items(o1, [swap(o1, "Wall Clock", {"color": "white"})], pm(u, "gift_card")),
              return_items(o2, item_ids(o2, "LED Light Bulb", "Electric Toothbrush"),
                           pm(u, "gift_card"))],
    facts=[tracking("#W8413040")],
    tags=["modify_items", "return", "tracking", "question", "multi", "no_order_id"])

# 67
u = "chen_smith_8425"
add(67, u, "earbud tips", """
Hi, do you sell replacement ear tips for the white wireless earbuds? The medium ones don't fit me. Chen
""", tags=["unanswerable", "no_order_id"])

# 68
u, o = "raj_kim_8554", "#W5697187"
ids = item_ids(o, "Headphones", "Cycling Helmet")
add(68, u, "Return items from #W5697187", """
Hello, I'd like to return the white headphones and the red helmet from #W5697187. Refund to the card I paid with, please. What's the total refund?
Raj Kim
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "reference"])

# 69
u = "isabella_smith_8805"
add(69, u, "running shoes size", """
hi!! i just realised i ordered the yellow running shoes in a 9 but i'm a 10. can you change the size before they ship? xx Isabella
""", tags=["refusal", "wrong_state", "no_order_id"])

# 70
u = "mei_johansson_1199"
add(70, u, "I did NOT cancel this", """
Hello,

My order with the t-shirt, portable charger and tea kettle shows as cancelled, but I never cancelled it. Has someone else been in my account? I'm worried my account was compromised. Please look into this.

Mei Johansson
""", disposition="escalate", tags=["handoff", "fraud", "no_order_id"])

# 71
u, o = "aarav_nguyen_7344", "#W2443586"
add(71, u, "ordered the boots twice", """
Hi,

I already received my hiking boots, and I just noticed my open order has the exact same boots in it again - I ordered them twice by mistake. Please cancel that whole open order; I'll reorder the keyboard and the garden hose separately.

Aarav Nguyen
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "reference", "no_order_id"])

# 72
u, o = "omar_lopez_7451", "#W1106948"
add(72, u, "refund?", """
hey, my big order (laptop, bookshelf etc) got cancelled. how much was refunded to my paypal and how long does it take to show up?
""", facts=[total(o), policy("5 to 7 business days")],
    tags=["info", "policy", "question", "multi", "no_order_id"])

# 73
u, o = "evelyn_wilson_8460", "#W8042635"
s = [swap(o, "Jigsaw Puzzle", {"pieces": "1000"}, where={"pieces": "500"}),
     swap(o, "Jigsaw Puzzle", {"pieces": "1500"}, where={"pieces": "2000"}),
     swap(o, "Fleece Jacket", {"zipper": "half"})]
add(73, u, "puzzles and jacket", """
Hello!

In my order with the wristwatch there were two animal puzzles. My kids already did the 500 piece one in a day, so I'd like the 1000 piece version of it instead (still expert). The 2000 piece one is too much for them, so please exchange that one for the 1500 piece (still intermediate).

Also, the navy fleece jacket: could I get the half zip instead of the full zip, same XL?

That's all three. Use my gift card for whatever the difference is.

Evelyn Wilson
""", actions=[exchange(o, s, pm(u, "gift_card"))], tags=["exchange", "no_order_id"])

# 74
u, o = "sofia_hernandez_8513", "#W1090976"
add(74, u, "Order #W1090976 - shipping address", """
Hi,

Please ship order #W1090976 to my mother's house instead: 1912 W Magnolia Ave, San Antonio, TX 78201 (no apartment number). It's a surprise for her so I'd like it to go straight there. Also, what was the order total? I need it for my budget.

Thank you,
Sofia Hernandez
""", actions=[order_address(o, address("1912 W Magnolia Ave", "", "San Antonio", "TX", "78201"))],
    facts=[total(o)], tags=["address", "question", "multi"])

# 75
u = "yusuf_garcia_5427"
add(75, u, "espresso machine leaking", """
Hi,

The espresso machine I got is leaking water from the bottom. I don't want to send it back and wait for a refund - I want you to ship me a brand new identical one right away. Can you do that?

Yusuf
""", tags=["refusal", "no_order_id"])

# 76
u, o = "sophia_smith_8223", "#W6760641"
to = {"color": "grey"}
add(76, u, "pet bed colour", """
Hi, my order with the pet bed hasn't shipped yet. If the same large memory foam pet bed comes in grey, please switch mine to grey - if not, leave it as it is. Pay any difference with my PayPal. Nothing else changes. Thanks! Sophia
""", actions=[modify_items(o, [swap(o, "Pet Bed", to)], pm(u, "paypal"))],
    facts=[available(o, "Pet Bed", to, True)], tags=["modify_items", "conditional", "no_order_id"])

# 77
u, o = "mohamed_jackson_1549", "#W3504981"
ids = all_items(o, "Tablet")
add(77, u, "Return - #W3504981", """
Good evening,

I'd like to return everything from #W3504981 except the tablet. Refund to my Mastercard please. Could you tell me the refund total?

Regards,
Mohamed Jackson
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question"])

# 78
u = "aarav_sanchez_9729"
o1, o2 = "#W6348442", "#W4304974"
add(78, u, "changes", """
Hello there

For my order that's not shipped yet (grill, skateboard etc):
- headphones: I want over-ear instead of in-ear, still wireless and black
- keyboard: linear switches instead of clicky, everything else the same
Those are the only changes to that order.

And the navy fleece jacket I already got - can I exchange it for the black one in size L?

Mastercard for all price differences.

Aarav
""", actions=[modify_items(o1, [swap(o1, "Headphones", {"type": "over-ear"}),
                                swap(o1, "Mechanical Keyboard", {"switch type": "linear"})],
                           pm(u, "credit_card")),
              exchange(o2, [swap(o2, "Fleece Jacket", {"size": "L", "color": "black"})],
                       pm(u, "credit_card"))],
    tags=["modify_items", "exchange", "multi", "no_order_id"])

# 79
u = "sophia_thomas_5301"
o1, o2 = "#W1867876", "#W4862767"
add(79, u, "return + payment", """
Hi,

1. I'd like to return the yoga mat and the wall clock from the order that had the vacuum. Please put the refund on my gift card.
2. For my order that hasn't shipped (bookshelf, tablet, chairs), please charge my Visa instead of PayPal.

Thanks,
Sophia Thomas
""", actions=[return_items(o1, item_ids(o1, "Yoga Mat", "Wall Clock"), pm(u, "gift_card")),
              payment(o2, pm(u, "credit_card", brand="visa"))],
    tags=["return", "payment", "multi", "no_order_id"])

# 80
u, o = "evelyn_gonzalez_8876", "#W8341134"
add(80, u, "notebook", """
Hi, could I exchange my A4 notebook for the hard cover version? Same size. PayPal for the difference. Thank you. Evelyn Gonzalez
""", actions=[exchange(o, [swap(o, "Notebook", {"cover type": "hard cover"})], pm(u, "paypal"))],
    tags=["exchange", "no_order_id"])

# 81
u, o = "daiki_moore_2408", "#W4843514"
add(81, u, "Cancel order #W4843514", """
Hello,

Please cancel my order #W4843514 (dumbbells, office chair and espresso machine). My plans changed and I no longer need any of it. How much will be refunded?

Daiki Moore
""", actions=[cancel(o, "no longer needed")], facts=[total(o)], tags=["cancel", "question"])

# 82
u, o = "yara_li_8961", "#W2497857"
add(82, u, "watch colour #W2497857", """
Hi! The gold smart watch in #W2497857 isn't really my style. Could I exchange it for the silver one? Same leather band and LCD screen. Refund the difference to PayPal please. Yara
""", actions=[exchange(o, [swap(o, "Smart Watch", {"color": "silver"})], pm(u, "paypal"))],
    tags=["exchange"])

# 83
u = "harper_garcia_5438"
o1, o2 = "#W5737680", "#W8360923"
add(83, u, "shipping address for my tablet order", """
Hi,

Could you send my order with the tablet and the pet bed to the same Dallas address that my other order (the luggage/vacuum one) is going to? I'll be there for the next month.

Thanks,
Harper Garcia
""", actions=[order_address(o1, address_of(o2))], tags=["address", "reference", "no_order_id"])

# 84
u, o = "daiki_kovacs_2546", "#W2259015"
s = [swap(o, "Bookshelf", {"height": "6 ft"}),
     swap(o, "Wall Clock", {"color": "black", "type": "analog"})]
add(84, u, "Exchange - order #W2259015", """
Hello,

Two exchanges for order #W2259015 please:
- the brown wood bookshelf: I need the 6 ft one instead of the 5 ft
- the wall clock: I'd rather have an analog one in black, same 14 inch size

Please charge my PayPal. What will the difference come to?

Thanks,
Daiki Kovacs
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 85
u = "amelia_silva_5103"
add(85, u, "reorder laptop", """
Hi, a while back I cancelled an order with a laptop in it. Could you place that order again for me, same laptop, and charge my PayPal? Thanks, Amelia
""", tags=["unanswerable", "no_order_id"])

# 86
u = "lei_gonzalez_5407"
add(86, u, "Order #W7870498 tracking", """
Hi, when will order #W7870498 (wristwatch, keyboard, water bottle) arrive? Could you send me the tracking number? Thanks - Lei
""", facts=[tracking("#W7870498")], tags=["tracking", "status", "question"])

# 87
u, o = "lucas_santos_6600", "#W7895761"
s = [swap(o, "Smart Thermostat", {"compatibility": "Google Assistant"}),
     swap(o, "Action Camera", {"waterproof": "yes"})]
add(87, u, "exchnage", """
hi so i got my order in chicago with the tablet, the action camera, the vacuum etc. two things i want to exchange:
the thermostat - need the google assistant one not apple, still black
the action cam - want the waterproof version, same 4k black
refund whatever diffrence to my paypal. how much is it?
lucas
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "typos", "no_order_id"])

# 88
u = "ava_kovacs_8312"
o1, o2 = "#W9706917", "#W4901434"
add(88, u, "backpack return, puzzle swap", """
Hello,

I'd like to return the grey backpack I received with my tablet - refund to PayPal, which is what I paid with.

Also, in my other delivered order, the landscape puzzle (2000 pieces) - can I exchange it for the 1000 piece fantasy one? Still intermediate. Put the difference on my gift card.

Thanks!
Ava Kovacs
""", actions=[return_items(o1, item_ids(o1, "Backpack"), pm(u, "paypal")),
              exchange(o2, [swap(o2, "Jigsaw Puzzle", {"pieces": "1000", "theme": "fantasy"})],
                       pm(u, "gift_card"))],
    tags=["return", "exchange", "multi", "reference", "no_order_id"])

# 89
u, o = "yusuf_li_7255", "#W6750959"
add(89, u, "#W6750959 changes", """
Hi,

For #W6750959 (not shipped yet) I'd like to change both items:
- speaker: red instead of blue (keep the 20 hour battery and water resistance)
- e-reader: the 8 inch wifi-only one with 32GB

That's everything. Refund differences to my PayPal.

Yusuf Li
""", actions=[modify_items(o, [swap(o, "Bluetooth Speaker", {"color": "red"}),
                              swap(o, "E-Reader", {"screen size": "8-inch",
                                                   "connectivity": "Wi-Fi"})],
                           pm(u, "paypal"))],
    tags=["modify_items"])

# 90
u = "juan_sanchez_8249"
add(90, u, "VAT invoice", """
Dear team,

I bought the digital camera for my business. Could you send me a VAT invoice with my company name (Sanchez Media LLC) and tax ID on it?

Regards,
Juan Sanchez
""", tags=["unanswerable", "no_order_id"])

# 91
u, o = "aarav_ito_1827", "#W6478051"
add(91, u, "cancel #W6478051", """
Hi, pls cancel order #W6478051 - I only ment to save the espresso machine and the other stuff in my cart, I ordered it by mistake. thanks, Aarav Ito
""", actions=[cancel(o, "ordered by mistake")], tags=["cancel", "typos"])

# 92
u, o = "daiki_sanchez_3253", "#W9348897"
tee = {"size": "XL"}
add(92, u, "umbrella + t-shirt", """
Hello,

Two changes to my order that's going to Denver, if possible:
- the patio umbrella: blue sunbrella fabric instead of the green olefin one (same 6 ft, auto tilt)
- the black t-shirt: an XL instead of XXL, if you have the black cotton crew neck in XL. If not, leave the shirt as it is.

Nothing else changes. Use my Visa for any difference.

Daiki Sanchez
""", actions=[modify_items(o, [swap(o, "Patio Umbrella", {"color": "blue", "material": "sunbrella"}),
                              swap(o, "T-Shirt", tee)], pm(u, "credit_card"))],
    facts=[available(o, "T-Shirt", tee, True)],
    tags=["modify_items", "conditional", "no_order_id"])

# 93
u = "harper_patel_2628"
add(93, u, "allergic reaction to makeup kit", """
Hello,

I used the makeup kit I bought from you and had a severe allergic reaction - I ended up at urgent care. I expect you to cover my medical bills. Who do I send the receipts to?

Harper Patel
""", disposition="escalate", tags=["handoff", "legal", "no_order_id"])

# 94
u, o = "fatima_jackson_2346", "#W5185761"
s = [swap(o, "Grill", {"type": "charcoal"})]
add(94, u, "Grill in order #W5185761", """
Hi,

I'd like to change the grill in order #W5185761 to the charcoal version - same medium size with the side burner. The backpack stays. If there's money back, put it on my gift card. How much would that be?

Thanks,
Fatima
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 95
u = "sofia_muller_1555"
o1, o2 = "#W3025991", "#W5306703"
add(95, u, "cancel one order", """
Hi,

I have two orders that haven't shipped. The small one with the skateboard and the coffee maker - please cancel it, I don't need those anymore.

The other one (laptop, luggage and so on) I'm keeping; can you remind me what its total was?

Thank you,
Sofia Muller
""", actions=[cancel(o1, "no longer needed")], facts=[total(o2)],
    tags=["cancel", "question", "multi", "no_order_id"])

# 96
u = "mohamed_li_1979"
o1 = "#W8864622"
add(96, u, "puzzles + hold my order", """
Hi,

Two things. I'd like to return both jigsaw puzzles from my delivered order (the one with the garden hose and the skateboard) - refund to PayPal.

Also, I'm travelling for two weeks: can you hold my other order (the one with the cameras and the smart watch) in the warehouse and ship it when I'm back?

Mohamed Li
""", actions=[return_items(o1, item_ids(o1, ("Jigsaw Puzzle", {"theme": "landscape"}),
                                      ("Jigsaw Puzzle", {"theme": "art"})), pm(u, "paypal"))],
    tags=["return", "unanswerable", "multi", "no_order_id"])

# 97
u = "noah_wilson_5178"
add(97, u, "address change", """
Hi, I moved across town. Please update my account address to 4410 Duval Street, Unit 2, Austin, TX 78751. Thanks, Noah Wilson
""", actions=[user_address(u, address("4410 Duval Street", "Unit 2", "Austin", "TX", "78751"))],
    tags=["user_address", "no_order_id"])

# 98
u = "james_lee_9638"
add(98, u, "bike delivery - need a person", """
Hi,

My order #W7846319 is a road bike I bought as a birthday present, and I need the delivery to happen on a particular day. Please have a human agent get in touch with me to arrange it.

Thanks,
James Lee
""", disposition="escalate", tags=["handoff", "asks_for_human"])

# 99
u, o = "raj_martin_9275", "#W7040556"
s = [swap(o, "Gaming Mouse", {"color": "white"})]
add(99, u, "mouse color #W7040556", """
Hey, could you change the RGB gaming mouse in #W7040556 to the white one (same wired optical)? Refund the difference to my Visa. How much is it?
Raj
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 100
u = "emma_kim_5391"
add(100, u, "Return smartphone - #W6087266", """
Hi, I'd like to return the smartphone from order #W6087266, I changed my mind about it. Refund to my gift card. Thanks, Emma Kim
""", tags=["refusal", "wrong_state"])

# 101
u, o = "harper_nguyen_9170", "#W8413387"
one = item_ids(o, ("Backpack", {"color": "green"}))
add(101, u, "return a backpack (#W8413387)", """
Hi,

I ended up with two backpacks in order #W8413387. I'd like to return the green leather camera one and keep the grey one. Refund to my gift card. How much will that be?

Harper
""", actions=[return_items(o, one, pm(u, "gift_card"))], facts=[refund(o, one)],
    tags=["return", "question"])

# 102
u, o = "ava_nguyen_6986", "#W7966786"
add(102, u, "change payment #W7966786", """
Hello, I'd like to pay for order #W7966786 with my Visa instead of my gift card. Please make the switch. Thank you, Ava Nguyen
""", actions=[payment(o, pm(u, "credit_card"))], tags=["payment"])

# 103
u = "liam_thomas_1090"
add(103, u, "tracking for #W8808605", """
Hi there - can I get the tracking number for #W8808605? It's the 4K security camera. Thanks, Liam
""", facts=[tracking("#W8808605")], tags=["tracking", "status", "question"])

# 104
u = "james_kovacs_9247"
add(104, u, "switch payment to paypal", """
Hi, for my order with the glass bookshelf and the pet bed, I'd rather pay with PayPal than with my gift card. Can you switch it? Thanks, James
""", tags=["refusal", "wrong_state", "no_order_id"])

# 105
u, o = "evelyn_brown_7612", "#W7647404"
s = [swap(o, "Bluetooth Speaker", {"color": "red"}),
     swap(o, "Skateboard", {"deck material": "bamboo"})]
add(105, u, "Exchange for order #W7647404", """
Hello,

I'd like to exchange two things from order #W7647404:
1. the black bluetooth speaker -> the red one (same 10 hour battery, water resistant)
2. the maple skateboard -> bamboo deck, still 34 inch with the graphic design

Use my PayPal for the difference. What does it come to?

Thanks,
Evelyn Brown
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 106
u, o = "ivan_rossi_9776", "#W7008160"
nine = {"size": "9"}
add(106, u, "boots too small", """
Hi,

The hiking boots I got are a size 8 and they pinch. Could I exchange them for a 9 in the same model? If you don't have a 9 in these, then the size 10 waterproof version of the same synthetic boots is fine. Charge my Mastercard if there's a difference.

Ivan Rossi
""", actions=[exchange(o, [swap(o, "Hiking Boots", {"size": "10", "waterproof": "yes"})],
                       pm(u, "credit_card"))],
    facts=[available(o, "Hiking Boots", nine, False)],
    tags=["exchange", "conditional", "no_order_id"])

# 107
u, o = "olivia_nguyen_6241", "#W1126085"
s = [swap(o, "Skateboard", {"length": "31 inch"})]
add(107, u, "skateboard length", """
hi! the skateboard I got is 28 inch and it's a bit short for me. can I swap it for the 31 inch one, same bamboo with the graphic? how much more would that be? paypal is fine. Olivia
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 108
u = "lucas_moore_6941"
add(108, u, "still charged for cancelled order", """
Your company cancelled my e-reader/tablet order but my PayPal still shows the charge a month later. I've had enough - I'm opening a chargeback with PayPal today.

Lucas Moore
""", disposition="escalate", tags=["handoff", "fraud", "annoyed", "no_order_id"])

# 109
u, o = "anya_ahmed_2271", "#W6217120"
add(109, u, "espresso machine order", """
Hi,

If my order with the espresso machine and the portable charger hasn't shipped yet, please cancel it - I placed it by mistake. If it already shipped, tell me and I'll return it when it arrives.

Anya Ahmed
""", actions=[cancel(o, "ordered by mistake")], facts=[status_is(o, "pending")],
    tags=["cancel", "conditional", "no_order_id"])

# 110
u, o = "yara_sanchez_1902", "#W6015009"
ids = item_ids(o, "Laptop", "Bluetooth Speaker")
add(110, u, "retrun laptop+speaker #W6015009", """
hello, i want to retrun the laptop and the black speaker from order #W6015009, refund to my mastercard. whats the total refund? thx yara
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "question", "typos"])

# 111
u = "yara_sanchez_9692"
o1, o2 = "#W2593291", "#W2651562"
add(111, u, "return + tracking", """
Hi,

The order that was delivered to Phoenix (#W2593291): please return everything in it except the digital camera. Refund to my Visa.

And my other order with the bike helmet and the air purifier - could you give me its tracking number?

Thanks,
Yara Sanchez
""", actions=[return_items(o1, all_items(o1, "Digital Camera"), paid_with(o1))],
    facts=[tracking(o2)], tags=["return", "exclusion", "tracking", "question", "multi"])

# 112
u, o = "emma_brown_8847", "#W6460787"
add(112, u, "Skateboard in #W6460787", """
Hello! Could you change the skateboard in #W6460787 to the bamboo one with the graphic design? Still 34 inch. Any difference to my Visa please. Thanks, Emma Brown
""", actions=[modify_items(o, [swap(o, "Skateboard", {"deck material": "bamboo",
                                                     "design": "graphic"})],
                           pm(u, "credit_card"))],
    tags=["modify_items"])

# 113
u, o = "mei_santos_5526", "#W7368828"
one = item_ids(o, "Makeup Kit")
add(113, u, "makeup kit return", """
Hi, I want to return the makeup kit I received (wrong shade for me). Please refund it to my gift card rather than PayPal. How much will go on the card? And what's my gift card balance right now? Thanks, Mei
""", actions=[return_items(o, one, pm(u, "gift_card"))],
    facts=[refund(o, one), balance(u, pm(u, "gift_card"))],
    tags=["return", "info", "question", "multi", "no_order_id"])

# 114
u = "isabella_lopez_5733"
add(114, u, "watch stopped working - warranty", """
Hello,

The wristwatch I bought stopped working after three days. I don't want a refund, I want it repaired under warranty. Please put me in touch with a person who handles warranty repairs.

Isabella Lopez
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 115
u, o = "omar_johnson_2562", "#W8797321"
add(115, u, "open order: address and payment", """
Hi there,

My order with the laptop and the security camera is set to ship to Denver, but I'm back home in Jacksonville now, so please ship it to my home address. Also please charge it to my PayPal instead of the gift card.

Thanks,
Omar Johnson
""", actions=[order_address(o, default_address(u)), payment(o, pm(u, "paypal"))],
    tags=["address", "payment", "multi", "reference", "no_order_id"])

# 116
u, o = "noah_patel_1311", "#W9784474"
s = [swap(o, "T-Shirt", {"size": "XXL", "style": "crew neck"}),
     swap(o, "Desk Lamp", {"color": "black"})]
add(116, u, "exchange shirt and lamp", """
Hi, from my order with the dumbbells and the smart watch:
- the red v-neck t-shirt in L: I'd like the red crew neck in XXL instead
- the white desk lamp: black please, same medium brightness USB one
Charge the difference to my Visa and tell me the amount. Thanks, Noah
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 117
u = "isabella_anderson_7248"
add(117, u, "return window", """
Hi, how many days do I have to return the espresso machine I received? I want to try it for a couple of weeks first. Thanks, Isabella
""", tags=["unanswerable", "no_order_id"])

# 118
u = "raj_sanchez_2970"
o1, o2 = "#W7736708", "#W4566809"
add(118, u, "luggage return / air purifier", """
Hello,

1) I'd like to return the black luggage set from the order with the headphones and the notebook. Please put the refund on my gift card.

2) In my order that hasn't shipped, I'd like the air purifier with the HEPA filter instead of the carbon one (same medium size, night mode). If that's cheaper, refund the difference to my Mastercard. The security camera stays as is.

Raj Sanchez
""", actions=[return_items(o1, item_ids(o1, "Luggage Set"), pm(u, "gift_card")),
              modify_items(o2, [swap(o2, "Air Purifier", {"filter type": "HEPA"})],
                           pm(u, "credit_card"))],
    tags=["return", "modify_items", "multi", "no_order_id"])

# 119
u, o = "mia_gonzalez_5269", "#W8991836"
s = [swap(o, "Smartphone", {"color": "black", "RAM": "8GB"})]
add(119, u, "phone in my order", """
Hi! In my order that hasn't shipped, could you change the gold smartphone to the black one with 8GB RAM (same 128GB, 5.8 inch)? Put any refund on my gift card. How much do I get back? Thank you!! Mia
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 120
u, o = "sophia_davis_9653", "#W7273405"
to = {"backlight": "none"}
add(120, u, "keyboard #W7273405", """
Hi, the keyboard in #W7273405 has RGB lighting, which I don't want. If you have the same one (clicky, 80%) with no backlight, please switch it to that and charge PayPal for the difference - and what does that one cost? If you don't have it, cancel the order instead, I won't need it then. Sophia Davis
""", actions=[modify_items(o, [swap(o, "Mechanical Keyboard", to)], pm(u, "paypal"))],
    facts=[available(o, "Mechanical Keyboard", to, True), price(o, "Mechanical Keyboard", to)],
    tags=["modify_items", "conditional", "question"])
