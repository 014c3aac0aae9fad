"""people_briefs12 (part a): 18 e-mails written by hand, one writer, in the style of a support
task brief turned into the customer's own e-mail.

Each e-mail was written after reading only that user's profile, orders and the products'
variants in data/retail, and policy.md: one customer with one main goal, a preference and a
fallback, a constraint on money or a figure wanted with the change; some with a second,
smaller request. Items and options in the customer's words, orders described rather than
named by id, identity as name and zip code (sometimes only in a signature), a few typos.
Mix: cancellations, item changes of pending orders, exchanges, returns (one "everything
except"), order and account address changes, a payment change, questions with figures,
conditionals, references through the store, and two e-mails where nothing may be written.

Case n is the n-th user of the `briefs12a` pool of build.py; ids 1..18.
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, policy, refund, return_items, status_is, swap,
                    total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs12", CASES)


# 1
u, o = "evelyn_anderson_9102", "#W5931168"
s = [swap(o, "Yoga Mat", {"color": "pink", "thickness": "5mm", "material": "TPE"})]
add(1, u, "Yoga mat - different color please", """
Hello,

The green yoga mat I got from you is fine quality-wise but honestly the color is not for me. I'd like to swap it for a pink one. Ideally the pink natural rubber one in the same 6mm thickness, but if that one isn't available then the pink TPE mat (the 5mm) is totally fine too.

Whatever the price difference turns out to be, please settle it on my Visa, not the gift card. And could you tell me what that difference is?

Thanks,
Evelyn Anderson
Charlotte, NC 28257
""", actions=[exchange(o, s, pm(u, "credit_card", brand="visa"))],
    facts=[available(o, "Yoga Mat", {"color": "pink", "material": "natural rubber"}, False),
           difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 2
u, o = "emma_rossi_2839", "#W9152938"
s = [swap(o, "Tablet", {"storage": "128GB", "color": "gold"}),
     swap(o, "Skateboard", {"length": "34 inch"})]
add(2, u, "changes before my order ships", """
Hi, this is Emma Rossi (zip 43289).

My order with the tablet, the skateboard and the animal puzzle hasn't shipped yet, so I'd like to change two things before it does:

1) The tablet - I want more storage, 128GB instead of 64GB, keep the 8 inch screen. I'd prefer to stay with silver but if the silver isn't available in 128GB then gold is ok.
2) The skateboard should be the 34 inch length instead of 31. Same bamboo deck and graphic design.

The puzzle stays as it is. Charge or refund whatever the difference is to my paypal, and please let me know the amount before you go ahead.

Emma
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Tablet", {"storage": "128GB"}, False), difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 3
u, o1, o2 = "ava_smith_1453", "#W8328622", "#W3197825"
s = [swap(o1, "Smart Watch", {"band material": "leather"})]
add(3, u, "Smart watch order + keyboard tracking", """
Hello there,

A couple of things on my account. The gold smart watch I ordered (the one with the metal band and LCD screen) is still pending. I paid for it with my gift card but I'd rather keep the gift card for something else, so please move that order over to my Mastercard ending 3744. While you're at it I've decided I prefer a leather band on the watch; everything else about it (gold, LCD) stays the same. Any extra for the leather band can also go on the Mastercard - what will that be?

Also my keyboard order has been processing for a while. Do you have a tracking number for it yet?

Ava Smith, 80227
""", actions=[payment(o1, pm(u, "credit_card")), modify_items(o1, s, pm(u, "credit_card"))],
    facts=[difference(o1, s), tracking(o2)],
    tags=["payment", "modify_items", "tracking", "multi", "question", "no_order_id"])

# 4
u = "harper_ito_5985"
add(4, u, "Please cancel skateboard order", """
Hi,

I need to cancel the order with the bamboo skateboard and the black water bottle. My nephew already got a skateboard for his birthday from someone else so we don't need it anymore. It was paid with my gift card so please just put the money back there.

Harper Ito
473 Cedar Ave, Los Angeles 90152
""", tags=["refusal", "wrong_state", "no_order_id"])

# 5
u, o = "ethan_khan_3904", "#W4347784"
new = address("1127 Maple Court", "Apt 4B", "San Diego", "CA", "92109")
add(5, u, "moving - address update", """
Hi, Ethan Khan here, currently at 264 Elm Street Suite 579, San Diego 92117.

I'm moving next week to 1127 Maple Court, Apt 4B, San Diego, CA 92109. Please make that the default address on my account.

I also have an order with hiking boots and a white bookshelf. If it hasn't been sent out yet, please ship it to the new place instead. If it's already on its way, leave it and just send me the tracking number so I can keep an eye on it, I'll get a neighbour to hold it.

thanks
""", actions=[user_address(u, new)],
    facts=[status_is(o, "processed"), tracking(o)],
    tags=["user_address", "conditional", "tracking", "question", "no_order_id"])

# 6
u, o = "liam_silva_3628", "#W8367567"
s = [swap(o, "Bookshelf", {"height": "6 ft"}, where={"color": "white"})]
add(6, u, "bookshelf height", """
Good morning,

In my open order (the big one with the camera, keyboard, headphones and two glass bookshelves) I'd like to change the white glass bookshelf from 5 ft to the 6 ft version. Leave the brown one alone. If the 6 ft white glass one can't be had, then don't change anything.

Use my PayPal for the difference, and tell me how much more it is.

Regards,
Liam Silva
San Jose 95110
""", actions=[modify_items(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 7
u = "raj_anderson_8746"
add(7, u, "payment for laptop/espresso order", """
Hello,

I have a pending order with a laptop and an espresso machine that went on my PayPal. I would like to pay for the whole order with my gift card instead and take it off PayPal. Please switch it over.

Raj Anderson
Fort Worth TX 76134
""", tags=["refusal", "no_order_id"])

# 8
u, o = "ava_sanchez_8588", "#W8587412"
s = [swap(o, "Tea Kettle", {"capacity": "2 liters"})]
add(8, u, "Kettle too small", """
Hi,

My name is Ava Sanchez. I recently recieved a glass tea kettle from you, the 1 liter one for electric stoves. It's too small for the two of us, so I'd like to exchange it for the 2 liter size - still glass and still for an electric stove. Put any difference on my Mastercard.

Also, the kettle was delivered to my place in Jacksonville because I live there now. My account still shows the old Washington DC address (zip 20500), so please change my default address to the Jacksonville one the kettle went to.

Thank you!
""", actions=[exchange(o, s, pm(u, "credit_card")), user_address(u, address_of(o))],
    tags=["exchange", "user_address", "multi", "reference", "typos", "no_order_id"])

# 9
u, o = "evelyn_moore_6558", "#W4308578"
s = [swap(o, "Smart Thermostat", {"color": "black"}),
     swap(o, "E-Reader", {"screen size": "7-inch", "connectivity": "Wi-Fi + Cellular"})]
add(9, u, "Change e-reader and thermostat in my order", """
Hello,

My order with the smart thermostat and e-reader hasn't shipped yet, and I'd like to make two changes:

- the e-reader: I'd rather have the 7 inch one with cellular, keeping the 8GB storage
- the thermostat: same Apple HomeKit model but in black instead of stainless steel

Please use my gift card for any difference, and let me know how much gets taken off it. If my gift card doesn't cover it, don't change anything.

Evelyn Moore, Philadelphia PA 19019
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 10
u, o = "fatima_li_8519", "#W5267498"
s = [swap(o, "Action Camera", {"color": "silver"})]
add(10, u, "action camera order - address and color", """
Hi there,

I ordered a black 4K waterproof action camera that is set to ship to an address in San Antonio. I'm not going to be there after all, so please send it to my home address in San Francisco, the one on my account, instead.

Second thing: I'd like it in silver instead of black, still 4K and waterproof. If there's an extra charge, take it from my gift card.

Many thanks,
Fatima Li (94180)
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 11
u, o = "sofia_khan_9820", "#W7532822"
ids = all_items(o, "Digital Camera")
add(11, u, "Return - keeping only the camera", """
Hello,

I got my big order a little while ago (camera, two black t-shirts, hiking boots and a small black backpack). I'm keeping the digital camera but I want to send everything else back, both of the t-shirts included. Refund to my PayPal please.

How much will I get back in total?

Sofia Khan
256 Cedar St, Columbus OH 43149
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 12
u, o = "ethan_nguyen_7565", "#W2325029"
add(12, u, "cancel order with mountain bike", """
hi, I'm Ethan Nguyen, zip 95155.

please cancel my pending order with the red mountain bike, the black coffee maker and the sunglasses. I ordered it by mistake, it was meant for my brother's account and he allready ordered the same things himself.

how much is getting refunded and how long before I see it back on my paypal?

thanks
""", actions=[cancel(o, "ordered by mistake")],
    facts=[total(o), policy("5 to 7 business days")],
    tags=["cancel", "question", "policy", "typos", "no_order_id"])

# 13
u, o = "mia_moore_7778", "#W9427138"
add(13, u, "update my address", """
Hi,

Can you update the adress on my account? It still says Indianapolis but I moved. The right address is the Columbus one I had put on the tablet order that I ended up cancelling, please use exactly that.

And what's left on my gift card at the moment? I can't remember.

Thanks so much,
Mia Moore
46245
""", actions=[user_address(u, address_of(o))], facts=[balance(u, pm(u, "gift_card"))],
    tags=["user_address", "reference", "question", "multi", "typos", "no_order_id"])

# 14
u, o = "daiki_moore_2077", "#W9956813"
add(14, u, "skateboard in my order", """
Hi,

This is Daiki Moore from Charlotte, 28226. I ordered two plastic skateboards along with some other stuff (headphones, pet bed, water bottle). I'd like the shorter of the two skateboards changed to a maple deck instead of plastic, same length and plain design. Charge any difference to my Visa.

Also can you send me the tracking number for that order?

Thanks
""", facts=[tracking(o)],
    tags=["tracking", "question", "refusal", "wrong_state", "no_order_id"])

# 15
u, o1, o2 = "liam_li_6251", "#W7554786", "#W4503264"
s1 = [swap(o1, "T-Shirt", {"size": "M"}, free=("material", "style"))]
s2 = [swap(o2, "Running Shoes", {"color": "black", "material": "synthetic"})]
add(15, u, "T-shirt size + running shoes color", """
Hello,

The blue t-shirt I received is a size S and it's too tight. Could I exchange it for a blue one in size M? I don't mind if it's a different fabric or a crew neck instead of v-neck, I just want blue in M.

Also my running shoes order is still pending. I'd like them in black instead of white, same size 9 (I know the black ones are synthetic, not mesh, that's fine).

Only payment method I have is my gift card so use that for both.

Liam Li, Dallas TX 75285
""", actions=[exchange(o1, s1, pm(u, "gift_card")), modify_items(o2, s2, pm(u, "gift_card"))],
    tags=["exchange", "modify_items", "multi", "no_order_id"])

# 16
u, o1, o2 = "juan_gonzalez_6489", "#W2438921", "#W8046874"
ids = item_ids(o2, "Portable Charger")
add(16, u, "cancel camera order and return charger", """
Hi, Juan Gonzalez here (zip 32182).

Two things:
First, my pending order with the digital camera, the black cycling helmet and the animal puzzle - I placed that one by mistake, please cancel it.
Second, from the order that was already delivered (with the tablet, the sneakers, the bookshelf etc.) I want to return the wireless portable charger only. Everything else from that order I'm keeping.

All money back to my gift card. Can you tell me how much comes back for each?

Best,
Juan
""", actions=[cancel(o1, "ordered by mistake"), return_items(o2, ids, pm(u, "gift_card"))],
    facts=[total(o1), refund(o2, ids)],
    tags=["cancel", "return", "multi", "question", "no_order_id"])

# 17
u, o = "fatima_taylor_2349", "#W9854700"
add(17, u, "Keyboard in my laptop order", """
Hello,

I have a laptop and a mechanical keyboard on order which hasn't shipped. The keyboard I picked has clicky switches and they're to loud for my office. Could you change it to tactile switches with no backlight, still the compact 60% size?

If that exact keyboard isn't available, then please cancel the whole order, I'll no longer need it - I'll buy the set somewhere else.

Fatima Taylor
Columbus OH 43224
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Mechanical Keyboard", {"switch type": "tactile", "backlight": "none"},
                     False)],
    tags=["cancel", "conditional", "typos", "no_order_id"])

# 18
u, o = "yara_martin_9470", "#W4538969"
s = [swap(o, "Headphones", {"color": "white"})]
add(18, u, "Payment + headphones color", """
Hi,

On my pending order (espresso machines, headphones and earbuds), two changes please.

I'd like to pay for the order with my PayPal account rather than the Mastercard I used.

And the red on-ear wireless headphones: I'd like them in black. If black isn't available, white is my second choice. Any price difference on PayPal as well, and let me know what it comes to.

Yara Martin
413 Elm St, Denver CO 80209
""", actions=[payment(o, pm(u, "paypal")), modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Headphones", {"color": "black"}, False), difference(o, s)],
    tags=["payment", "modify_items", "conditional", "multi", "question", "no_order_id"])
