"""people_test: e-mails written by hand for this project, labelled from the store.

HELD OUT. Nobody tunes a rule, threshold or prompt on these cases; `dev_cases.py` is the set to
tune on. One case per user; the users are the test pool of `build.py`.
"""
from labels import (address, address_of, all_items, available, balance, cancel, case,
                    default_address, difference, exchange, item_ids, modify_items, order_address,
                    paid_with, payment, pm, policy, price, refund, return_items, status,
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
""", actions=[modify_items(o1, [swap(o1, "Running Shoes", {"size": "10", "material": "leather",
                                                            "sole": "EVA"})], pm(u, "gift_card")),
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
