"""people_briefs10, second half (cases 19..36): e-mails written by hand by a helper writer,
one per user of the `briefs10b` pool of `build.py` (case 18+n is that pool's n-th user).

Each e-mail was written after reading only that user's profile, orders and the variants of the
products in them (data/retail) and the store policy, in a different customer's voice each
time: a non-native speaker with small slips, a story-teller, a terse professional, a reply on
top of an old order confirmation, a lowercase phone message with abbreviations and typos, an
annoyed customer, someone who changes their mind mid-e-mail, a formal letter-writer. Orders
are mostly described by their items or through the store ("the order going to Denver", "the
more expensive of my two open orders", "the same address my keyboard went to") rather than by
id. The mix: cancellations, item changes of pending orders, exchanges, returns with
exclusions, order and account address changes, payment changes, questions with figures,
conditionals, several requests in one e-mail, and requests that must not be written (an order
in the wrong state, a refund to a destination the policy does not allow).

Every id, variant and figure in a label comes from the `labels.py` helpers.
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, modify_items,
                    order_address, payment, pm, refund, return_items, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs10", CASES)


# 19 -- changes their mind mid-e-mail
u, o = "omar_silva_9907", "#W6151519"
s = [swap(o, "Mechanical Keyboard", {"backlight": "white"})]
add(19, u, "my order", """
Hi,

Please cancel my order, the one with the running shoes, the mechanical keyboard and the electric kettle. I saw the keyboard somewhere else and

...ok actually no, don't cancel it, I thought about it while writing this. The shoes and the kettle are fine. The only thing that bugs me is the keyboard: I picked the one with no backlight and I mostly type at night. So instead of cancelling, can you change it to the same tactile 80% keyboard but with the white backlight? Everything else in the order stays like it is.

The difference goes on my gift card, it's the only thing I pay with. How much do I get back on it?

Omar Silva
Seattle, 98141
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 20 -- non-native speaker
u, o1, o2 = "mia_davis_8827", "#W6577842", "#W8580621"
s = [swap(o1, "Makeup Kit", {"skin tone": "dark"})]
add(20, u, "Change makeup kit and question", """
Hello,

I am Mia Davis, my zip code is 28229. I make an order with one makeup kit and one electric toothbrush, it is not send yet. For the makeup kit I choose medium skin tone but this is wrong for me, I need the dark one. Please keep same professional size and same Brand A, only the skin tone is change. The toothbrush is good, no change. If there is money difference please put on my gift card.

Also the other order, with the bicycle and the smart watch, I receive it already. My husband need the tracking number of this for the insurance papers, can you give me please?

Thank you so much,
Mia
""", actions=[modify_items(o1, s, pm(u, "gift_card"))], facts=[tracking(o2)],
    tags=["modify_items", "tracking", "question", "multi", "no_order_id"])

# 21 -- terse professional
u, o = "liam_gonzalez_4265", "#W8747662"
s = [swap(o, "Vacuum Cleaner", {"features": "HEPA filter"})]
add(21, u, "Open order: payment + vacuum", """
On my open order, please move the payment from PayPal to my Mastercard ending 4422, then change the robot vacuum to the HEPA filter version (still bagless); settle any difference on that Mastercard.

Liam Gonzalez, 78747
""", actions=[payment(o, pm(u, "credit_card", "4422")),
              modify_items(o, s, pm(u, "credit_card", "4422"))],
    tags=["payment", "modify_items", "multi", "no_order_id"])

# 22 -- formal letter, conditional whose premise holds
u, o = "ivan_santos_7021", "#W5801125"
s = [swap(o, "Tea Kettle", {"capacity": "1 liter"})]
add(22, u, "Regarding my tea kettle order", """
Dear Sir or Madam,

My name is Ivan Santos, of 847 River Road in New York (10264). Some days ago I ordered from you a glass tea kettle for a gas stove, of 1.5 liters. Living alone, I now find it is more than I need.

If the same kettle, glass and for a gas stove, is offered in the 1 liter size, kindly change my order to that one and return the difference to my PayPal account. If it is not offered, please cancel the order altogether, as I will then no longer need it.

I would also be grateful to know how much remains on my gift card.

Respectfully yours,
Ivan Santos
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Tea Kettle", {"capacity": "1 liter"}, True),
           balance(u, pm(u, "gift_card"))],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 23 -- annoyed; one request allowed, one order already processed
u, o1 = "emma_santos_9753", "#W2918688"
add(23, u, "Wrong address AGAIN", """
This is the second time I'm writing about this.

My tablet order is set to ship to 399 Maple Drive in Phoenix. I haven't lived there in over a year and I have no idea why your system keeps picking it. Send it to my home address, the one on my account: 463 Pine Lane, Suite 570, San Antonio, TX 78228.

And while I'm at it: cancel the order with the large brown pet bed and the RGB mechanical keyboard. I no longer need it.

Please just get both of these done this time.
Emma Santos
""", actions=[order_address(o1, default_address(u))],
    tags=["address", "refusal", "wrong_state", "multi", "annoyed", "no_order_id"])

# 24 -- over-explains with a story; reference through the shipping address
u, o = "omar_muller_8833", "#W8343509"
s = [swap(o, "Pet Bed", {"color": "grey"})]
add(24, u, "Change of plans for my Denver order", """
Hello there,

Some background first, sorry. A few weeks ago I ordered a few things for my daughter, who was house-sitting in Denver with her dog Biscuit for the spring: a dog bed, a jigsaw puzzle and a small coffee maker, so the order goes to the Denver address (377 Maple Drive). Well, plans changed, as they always do with her, and she's coming back home to San Antonio next week, dog and all. So there's no point shipping anything to Denver anymore.

Could you please send that whole order to my home instead: 217 Hickory Lane, Suite 646, San Antonio, TX 78252. That's also my address on the account.

And one more thing while it's still not shipped. I picked the small fleece dog bed in brown, but Biscuit is a light-coloured dog and my daughter says the brown shows every single hair. Please make it the grey one, still small and fleece. Anything extra or anything back goes through my PayPal.

The puzzle and the coffee maker stay as they are.

Many thanks,
Omar Muller (zip 78252)
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "paypal"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 25 -- replies on top of an old order confirmation
u, o1, o2 = "yara_ito_8499", "#W8353027", "#W3191978"
ids = all_items(o1, "Grill")
add(25, u, "Re: Your order #W8353027 is confirmed", """
Hi, replying to this one since it has everything listed.

I'd like to send back everything from this order except the grill, we actually use that. Refund to my PayPal please. How much will that be in total?

Separately, my keyboard order still hasn't shown up, could you send me its tracking number?

Yara Ito, 75284

-----Original Message-----
From: Orders
Subject: Your order #W8353027 is confirmed

Hi Yara,

Thanks for shopping with us! Here's what you ordered:

  Electric Kettle - 2L, glass, black .................. $137.92
  Grill - electric, medium, rotisserie ................ $985.66
  Jigsaw Puzzle - 1500 pieces, animals, intermediate ... $46.00
  Dumbbell Set - 55-75 lbs, urethane, adjustable ...... $483.66
  Skateboard - bamboo, 28 inch, plain ................. $208.60

  Order total: $1861.84
  Paid with: PayPal

Shipping to:
  Yara Ito
  179 Broadway, Suite 256
  Dallas, TX 75284

We'll let you know when it ships.
""", actions=[return_items(o1, ids, pm(u, "paypal"))], facts=[refund(o1, ids), tracking(o2)],
    tags=["return", "exclusion", "tracking", "question", "multi"])

# 26 -- order already processed: nothing may be written
u = "harper_li_7655"
add(26, u, "cancel laptop order", """
hey there, Harper Li here (zip 32253).

I'd like to cancel the order with the laptop and the garden hose, I ordered it by mistake. I meant to get the 13-inch laptop, not the 15-inch. Please cancel the whole thing and put the money back on my gift card.

thanks!
""", tags=["refusal", "wrong_state", "no_order_id"])

# 27 -- payment change by a reference, plus an exchange
u, o1, o2 = "ava_lopez_2676", "#W8327915", "#W2941275"
s = [swap(o2, "Water Bottle", {"color": "red"})]
add(27, u, "Two quick things", """
Hi!

It's Ava Lopez (San Diego, 92168). Two quick things:

1) The order I'm having shipped to my sister in Chicago went onto my gift card by accident, there's next to nothing on it. Please charge that order to my Mastercard ending 9677 instead.

2) The blue water bottle that came with my camera: I'd like to swap it for the red one, same 750ml stainless steel. If there's a difference, the Mastercard again.

Thanks so much!
Ava
""", actions=[payment(o1, pm(u, "credit_card", "9677")),
              exchange(o2, s, pm(u, "credit_card", "9677"))],
    tags=["payment", "exchange", "multi", "reference", "no_order_id"])

# 28 -- references through the store: cheaper of two orders, address of another order
u, o_cancel, o_shirt, o_ny = "harper_johansson_2663", "#W9677982", "#W3525030", "#W1780552"
add(28, u, "Cleaning up my orders", """
Hi, Harper Johansson here, Denver 80281. I have way too many orders open with you, so I'm trimming:

- I have two pending orders with a laptop in them. Cancel the one that comes to less in total. I no longer need it.
- The order with just the purple T-shirt: please don't send it to Denver, ship it to the same New York address my espresso machine order went to. It's a gift.

Nothing else changes. Thanks!
""", actions=[cancel(o_cancel, "no longer needed"), order_address(o_shirt, address_of(o_ny))],
    tags=["cancel", "address", "multi", "reference", "no_order_id"])

# 29 -- exchange of two items, with the difference asked
u, o = "anya_kovacs_9542", "#W6821773"
s = [swap(o, "Fleece Jacket", {"zipper": "full"}),
     swap(o, "Cycling Helmet", {"ventilation": "high"})]
add(29, u, "Exchanging two things from my order", """
Hello!

I got my order a little while ago (the coffee maker, fleece jacket, helmet and office chair) and two things aren't quite right.

The navy fleece is a half-zip and it's a pain to get on and off over a helmet, so I'd like the full-zip version, same navy, same XL. And the black helmet itself, size L, is the low-ventilation one; I overheat on every climb. Could I have the high-ventilation version instead, still black and L?

The coffee maker and the chair are perfect, those stay. Please use my Visa for whatever the difference is, and tell me what it comes to.

Thanks a lot,
Anya Kovacs
San Jose, CA 95132
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 30 -- phone-typed, lowercase
u, o = "liam_lopez_7019", "#W7555783"
add(30, u, "cancel pls", """
hi its liam lopez 75388. pls cancel my ordr w the portable charger n the red bluetooth speaker, i ordered it by mistake (was gonna get them for my bro but he alredy has both lol). how much goes back on my gift card?
keep the dog bed ordr as is. thx
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question", "typos", "no_order_id"])

# 31 -- "the more expensive of my two pending orders", "the same address as my other order"
u, o_cancel, o_keep, o_kb = "isabella_santos_1643", "#W9667707", "#W9527030", "#W1654332"
add(31, u, "Two pending orders", """
Hello,

I'm over budget this month, so of my two orders that haven't shipped yet, please cancel whichever one costs more; I no longer need it.

The other one should not go to my New York apartment: please ship it to the same Fort Worth address my mechanical keyboard was delivered to. I'll be there for the next few weeks.

Thank you,
Isabella Santos
474 Chestnut Street, Suite 601, New York, NY 10020
""", actions=[cancel(o_cancel, "no longer needed"), order_address(o_keep, address_of(o_kb))],
    tags=["cancel", "address", "multi", "reference", "no_order_id"])

# 32 -- moving: order and account address, and the order total
u, o = "fatima_brown_2588", "#W8008214"
new = address("2210 Alder Street", "Apt 5", "Portland", "OR", "97205")
add(32, u, "New address", """
Hi,

I'm Fatima Brown, and I'm moving out of 699 Hillcrest Drive, San Francisco (94132) at the end of the month. My new address is:

2210 Alder Street, Apt 5
Portland, OR 97205

Please update the address on my account, and since my espresso machine hasn't shipped yet, send that order to the new place too.

Also, what was the total on the espresso machine order? I want to check it against my PayPal statement.

Thanks,
Fatima
""", actions=[order_address(o, new), user_address(u, new)], facts=[total(o)],
    tags=["address", "user_address", "question", "multi", "no_order_id"])

# 33 -- numbered list: exchange, tracking
u, o1, o2 = "mohamed_smith_9224", "#W7808613", "#W4125188"
s = [swap(o1, "Smart Watch", {"color": "gold"})]
add(33, u, "Smart watch and tracking", """
Good afternoon,

Mohamed Smith writing, Houston 77252.

1. My silver smart watch with the leather band and LCD display arrived, but I prefer the gold one. Please exchange it for the gold, with the same leather band and LCD display. Take the difference from my gift card.

2. My other order, with the camera backpack and the glass tea kettle, has not arrived yet. Please send me its tracking number.

Best regards,
Mohamed
""", actions=[exchange(o1, s, pm(u, "gift_card"))], facts=[tracking(o2)],
    tags=["exchange", "tracking", "question", "multi", "no_order_id"])

# 34 -- refund to a destination the policy does not allow, or nothing
u = "olivia_davis_3316"
add(34, u, "Returning a puzzle", """
Hello,

I bought a 1000 piece animal jigsaw puzzle for my granddaughter, the beginner one, and it turns out her other grandmother got her the very same puzzle for her birthday. So I'd like to send mine back.

I paid with PayPal, but I've closed that account, so I'd like the money to go to my Visa card ending 7777. If the refund can't go onto that Visa, then please don't start a return at all, I'll just keep the puzzle and give it to a neighbour's child.

Olivia Davis, 416 Broadway, Houston, zip 77244
""", tags=["refusal", "no_order_id"])

# 35 -- conditional whose premise fails, two items, difference asked
u, o = "lucas_silva_7435", "#W1814268"
s = [swap(o, "Tea Kettle", {"material": "stainless steel",
                             "stovetop compatibility": "induction"}),
     swap(o, "Portable Charger", {"capacity": "20000mAh"})]
add(35, u, "Pending order - two changes", """
Lucas Silva, Austin 78777, about my pending order (laptop, bookshelf, tea kettle and portable charger).

We just replaced our gas range with an induction cooktop, so the 2 liter ceramic kettle for gas won't work for us. If that ceramic 2 liter kettle comes in an induction version, switch to it; if it doesn't, make it the 2 liter stainless steel induction kettle instead.

Also the black wireless charger: change it from 5000mAh to 20000mAh, still black and wireless.

Laptop and bookshelf stay as they are. Use my Mastercard for the difference, and let me know the net amount.
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Tea Kettle", {"stovetop compatibility": "induction"}, False),
           difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 36 -- return with an exclusion, plus an exchange in a P.S.
u, o1, o2 = "fatima_wilson_6873", "#W4556683", "#W7990410"
ids = all_items(o1, "Espresso Machine")
s = [swap(o2, "Headphones", {"color": "black"})]
add(36, u, "Return + exchange", """
Hi,

This is Fatima Wilson, Austin TX 78746.

I've been decluttering the kitchen and the living room and I want to return most of the order that was delivered to my Austin apartment on Park Avenue: the silver electric kettle, the green water bottle, the blue earbuds and the blue bluetooth speaker. In other words everything in it except the espresso machine, which I'm keeping. The refund should go back to my Mastercard, which is what I paid with. Could you tell me how much I'll be getting back?

Thank you!
Fatima

P.S. The blue wired over-ear headphones I had sent to my Los Angeles address: I'd like to exchange them for the black ones, same wired over-ear. Please charge any difference to my PayPal.
""", actions=[return_items(o1, ids, pm(u, "credit_card")), exchange(o2, s, pm(u, "paypal"))],
    facts=[refund(o1, ids)],
    tags=["return", "exchange", "exclusion", "question", "multi", "reference", "no_order_id"])
