"""people_briefs12, second half (cases 19-36): e-mails written by hand by one writer, one at a
time after reading that user's profile, orders and the products' variants in data/retail.

Style: customers who tell a story before they ask (a move, a gift, a partner's smart-home
habits, a son's laptop, a puzzle that was too hard), then say what they want. Items are
described rather than named ("the cologne", "the little toothbrush", "the smaller laptop"),
orders by what else was in them, by their status or by where they went ("the order that went
to my sister in Austin", "the pricier of my two open orders", "the same address as the order
I cancelled"). A few correct themselves inside the e-mail; several ask for a figure the store
knows (a refund, a price difference, a tracking number, a gift-card balance); some carry
conditions the store decides; four ask for something the store cannot do (an order already on
its way, a refund to a card the policy does not allow, a cancelled order brought back), two of
them beside a question the store can answer. The name and zip code appear where people put
them. No order id is named.

Case n (19..36) is the (n-18)-th user of the `briefs12b` pool of `build.py`; labels come from
`labels.py` only.
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    difference, exchange, item_ids, modify_items, order_address,
                    payment, pm, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs12", CASES)


# 19
u, o = "anya_muller_4683", "#W3248320"
s = [swap(o, "Perfume", {"size": "100ml"}),
     swap(o, "Makeup Kit", {"brand": "Brand A"})]
add(19, u, "A couple of swaps from my last delivery", """
Hello,

My big order finally came a couple of weeks ago: the robot vacuum, a blue bike helmet, a makeup kit for me and a bottle of men's cologne for my husband's birthday. The vacuum has been a lifesaver with the dog hair, so that stays, and the helmet is fine too.

Two things I'd like to trade, though. The cologne (the woody one, the small 30ml bottle) was gone in about ten days because he wears it every single day. Could you swap it for the 100ml bottle of the same woody men's scent? And the makeup kit: I chose Brand B and it turns out my skin doesn't get along with it. Please exchange it for the Brand A kit, still the dark shade and the professional size.

I paid for that order with my store gift card, so whatever difference comes out of this should go back onto that gift card. How much will I be getting back in total for the two swaps?

Thanks so much,
Anya Muller
Denver, 80240
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 20
u, o1, o2 = "mia_nguyen_6399", "#W4657527", "#W7259788"
s = [swap(o2, "Luggage Set", {"color": "blue"})]
add(20, u, "puzzle problem + suitcase color", """
Hi! Mia Nguyen here, San Antonio TX 78229.

I have two orders that haven't shipped yet. One of them was mostly for my nephew: a 1000-piece animal jigsaw puzzle, an indoor security camera and a pair of black earbuds. I just found out the puzzle I picked is the expert level, and he's nine, so that was optimistic of me. If you carry that same 1000-piece animal puzzle at beginner level, please just switch the puzzle to that one. If you don't, then forget the whole thing and cancel that entire order, we'd no longer need it, and please tell me how much would go back to my PayPal.

My other order (the one with the tablet, sneakers and the red bike helmet) has a luggage set I ordered in black. My mom says black suitcases all look the same on the carousel, and she's right. Can you make it the blue one instead, still the 3-piece softshell set? PayPal is the only thing I have, so use it for any difference.

Thank you!
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "paypal"))],
    facts=[available(o1, "Jigsaw Puzzle", {"difficulty level": "beginner"}, False), total(o1)],
    tags=["cancel", "modify_items", "conditional", "multi", "question", "no_order_id"])

# 21
u, o = "ethan_li_6208", "#W7309535"
s = [swap(o, "Smart Thermostat", {"compatibility": "Google Assistant", "color": "black"})]
add(21, u, "thermostat doesn't talk to our speakers", """
Hi,

My girlfriend moved in last month and brought her whole collection of Google speakers with her. Which would be great, except the smart thermostat I bought from you is the Amazon Alexa one (stainless steel finish), and the two don't talk to each other. We've tried.

I'd like to exchange it for the Google Assistant version. Ideally in the same stainless steel, but if the Google one doesn't come in stainless steel, black is fine, it's on a dark wall anyway. Whatever the price difference is, put it on my Mastercard.

Ethan Li, Columbus OH, zip 43135
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Smart Thermostat", {"compatibility": "Google Assistant"}, False)],
    tags=["exchange", "conditional", "no_order_id"])

# 22
u, o = "harper_ahmed_5055", "#W9532616"
ids = all_items(o, "Digital Camera")
add(22, u, "Sending most of a package back", """
Good afternoon,

I'm afraid I got carried away. My father retired this spring and I bought him a whole box of things for the trip he keeps talking about: the big digital camera (the 30MP one with the 10x zoom), a bottle of cologne, an indoor security camera for the house while he's away, a blue steel water bottle and a pair of brown sunglasses. He sat me down and told me, kindly, that the only thing he actually wanted was the camera.

So the digital camera stays with him, and I'd like to return everything else from that order. The refund should go onto my gift card, which is what I paid with. Could you also tell me how much that comes to?

Kind regards,
Harper Ahmed
Phoenix, AZ 85041
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 23
u, o1, o2 = "mei_patel_7272", "#W4082615", "#W9583042"
s = [swap(o2, "Dumbbell Set", {"weight range": "55-75 lbs", "material": "urethane"})]
add(23, u, "Two changes to my open orders", """
Hello,

This is Mei Patel, 443 Maple Drive in Fort Worth (76165). I have two orders waiting to ship and both went on PayPal, which I'm trying to stop using for big purchases. Please move whichever of the two cost more over to my Visa; leave the cheaper one on PayPal.

Second thing: the order with the garden hose and the red suitcases also has an adjustable dumbbell set, 30-50 lbs in iron. My husband has informed me that 30-50 is "for beginners". If you have the same adjustable set in 55-75 lbs in iron, change it to that. If the iron one isn't available in 55-75, the urethane adjustable 55-75 set is fine too. Any refund or extra charge for that change can go through PayPal.

Nothing else in either order changes. Thank you!
""", actions=[payment(o1, pm(u, "credit_card", brand="visa")),
              modify_items(o2, s, pm(u, "paypal"))],
    facts=[available(o2, "Dumbbell Set", {"weight range": "55-75 lbs"}, False)],
    tags=["payment", "modify_items", "conditional", "reference", "multi", "no_order_id"])

# 24
u, o1, o2, o3 = "mason_lopez_5208", "#W8185761", "#W9939424", "#W3130816"
ids = item_ids(o1, ("Laptop", {"screen size": "13-inch"}))
add(24, u, "laptop return, a tracking number and one mistake", """
Hi,

Some background: I moved from Dallas to New York this year, and one of my orders still went to the old apartment in Dallas (two laptops, a couple of water bottles and the white coffee press). A friend brought the box up. Since then my new employer handed me a work laptop, so I'd like to send back the smaller of the two laptops from that box, the 13-inch space grey one. I'm keeping the 17-inch one and everything else. Refund to my PayPal please, and tell me how much it will be.

Also, the hiking boots and the blue bluetooth speaker I ordered are apparently on their way but I never got a tracking number. Could you send it to me?

And last: I have an order with just a white wooden bookshelf in it. I ordered that by mistake (meant to save it to a list), so please cancel it.

Mason Lopez
zip 10257
""", actions=[return_items(o1, ids, pm(u, "paypal")), cancel(o3, "ordered by mistake")],
    facts=[refund(o1, ids), tracking(o2)],
    tags=["return", "cancel", "tracking", "question", "multi", "reference", "no_order_id"])

# 25
u, o1, o2 = "liam_moore_4057", "#W3169501", "#W7571356"
add(25, u, "Moving back to Houston", """
Hello there,

Liam Moore here, currently still at 244 Elm Street in Columbus (zip 43209), but not for long: the job in Ohio is wrapping up and I'm going back to my old apartment in Houston at the end of the month.

You already have that Houston address. It's the one I'd put on an order earlier this year that I ended up cancelling (the one with the patio umbrella, air purifier, tea kettle and so on). Could you:

1) send my order that hasn't shipped yet, the one with the air purifier and the white glass bookshelf, to that same Houston address instead of Columbus, and
2) change the default address on my account to that Houston address as well?

Many thanks,
Liam
""", actions=[order_address(o1, address_of(o2)), user_address(u, address_of(o2))],
    tags=["address", "user_address", "reference", "multi", "no_order_id"])

# 26
u, o = "mei_garcia_1676", "#W5767256"
new = address("1180 Bayshore Drive", "Apt 7B", "Tampa", "FL", "33606")
add(26, u, "new address + where are my boots", """
Hi, my name is Mei Garcia, zip 32204 (Jacksonville), at least until Saturday.

I'm moving down to Tampa for grad school. Please update the address on my account to the new place: 1180 Bayshore Drive, Apt 7B, Tampa, FL 33606.

I also ordered a pair of waterproof hiking boots a little while ago for a trip with my roommates, and I'd like to keep an eye on them so they don't sit on the porch after I've left. What's the tracking number for that package?

Thank you!
Mei
""", actions=[user_address(u, new)], facts=[tracking(o)],
    tags=["user_address", "tracking", "question", "multi", "no_order_id"])

# 27
u, o = "ava_hernandez_9365", "#W4506173"
add(27, u, "Please cancel my order", """
Hi,

I put together an order a little while ago for a new routine I had planned: a blue bike helmet for commuting, silver sunglasses, a white digital wall clock for the office and a small white glass bookshelf. My office has now decided to go fully remote, so the whole commute plan is off and I no longer need any of it.

Please cancel that order and refund my PayPal.

Ava Hernandez
Indianapolis, 46205
""", tags=["refusal", "wrong_state", "no_order_id"])

# 28
u, o = "amelia_nguyen_5209", "#W9324386"
s = [swap(o, "Headphones", {"color": "black"}),
     swap(o, "Tablet", {"color": "silver"})]
add(28, u, "Exchanging my sister's presents", """
Hi,

I sent a bundle of gifts to my sister when she moved into her place in Austin: a small tablet, a red suitcase set and a pair of over-ear wireless headphones. She loves the suitcases. The other two, not quite: the headphones are blue and she wears nothing but black, and the tablet came in gold, which she says looks "like a toy". Her words, not mine.

Can you exchange the headphones for the black ones (same over-ear wireless kind) and the tablet for the silver one (same 7-inch, 32GB)? Please charge whatever the difference is to my Visa, and let me know how much that will be so I'm not surprised.

Both of those are in the order that was delivered to her Austin address, not to me.

Amelia Nguyen
San Francisco, CA 94113
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "reference", "no_order_id"])

# 29
u, o = "lucas_johnson_2067", "#W7016806"
add(29, u, "espresso machine return", """
Hello,

I'm Lucas Johnson, Seattle 98147. I bought the 19-bar capsule espresso machine from you along with a glass bookshelf and a green water bottle. I paid for that order with a store gift card I got for my birthday.

Honestly the machine is more than I need, and I'd like to return it. But I don't shop here much, so I don't want the refund sitting on a gift card again: I'd want it back on my Mastercard. If the refund can't go to my Mastercard, then please don't process the return at all; I'll keep the machine and sell it myself.

Thanks,
Lucas
""", tags=["refusal", "no_order_id"])

# 30
u, o = "fatima_anderson_6252", "#W5666460"
s = [swap(o, "Electric Toothbrush", {"battery type": "rechargeable"}, free=("speed settings",))]
add(30, u, "toothbrush batteries", """
Hi!

The brown glass bookshelf I got from you is lovely and it's staying. The white electric toothbrush that came with it, though, runs on AA batteries, and I've already gone through two packs. I had assumed it was rechargeable.

Could I exchange it for the rechargeable one in white? I really don't care which speed setting it has, as long as it charges. Please put any extra cost on my Mastercard, not PayPal, and tell me what the extra comes to.

Fatima Anderson, Austin, TX 78773
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 31
u, o = "chen_moore_6080", "#W9205196"
office = address("1200 Wilshire Boulevard", "Suite 410", "Los Angeles", "CA", "90017")
s = [swap(o, "Laptop", {"processor": "i7", "ram": "32GB", "color": "black"})]
add(31, u, "Laptop order: different spec and ship to work", """
Hi,

I ordered a laptop last week (the 17-inch, space grey, i5 with 8GB) and it hasn't shipped yet, which is lucky, because a colleague looked at the specs and laughed at me. I do video editing and 8GB won't cut it.

Please change it to the 17-inch with the i7 and 32GB of RAM, 1TB SSD, in black. I checked and that one seems to be cheaper, so the difference should go back to my Mastercard. How much will I get back?

Also, nobody is home during the day to sign for something this expensive, so please ship it to my office instead: 1200 Wilshire Boulevard, Suite 410, Los Angeles, CA 90017.

Chen Moore
275 Cedar Avenue, LA 91087
""", actions=[order_address(o, office), modify_items(o, s, pm(u, "credit_card"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "question", "multi", "no_order_id"])

# 32
u, o = "harper_kim_9968", "#W5386730"
add(32, u, "cancel backpack", """
Hello,

A few days ago I ordered a small grey laptop backpack with my gift card. Then my daughter showed up for the weekend with a brand-new one she'd bought me for my birthday, which is next week and which I'm apparently not supposed to know about yet.

So I ordered mine by mistake, really. Please cancel that order. How much will go back onto my gift card?

Harper Kim, San Jose, 95119
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question", "no_order_id"])

# 33
u, o1, o2 = "daiki_moore_8567", "#W7766102", "#W8032761"
ids = item_ids(o1, "Cycling Helmet", "Bluetooth Speaker")
s = [swap(o2, "Mechanical Keyboard", {"switch type": "clicky"})]
add(33, u, "a return for my son and a keyboard swap", """
Hi,

Daiki Moore, Phoenix AZ 85078.

My son started college in Charlotte and I had an order shipped straight to his dorm: two laptops (one for him, one for his roommate, long story), a black bike helmet and a black bluetooth speaker. The laptops were a success. The helmet and the speaker, not so much: he says nobody bikes on that campus and his roommate already has a speaker. Please return the helmet and the speaker from that Charlotte order, and keep both laptops out of it. The refund goes on my gift card, which is what I paid with. What will that refund come to?

Separately, in the order that came here to Phoenix with my black backpack, I got a mechanical keyboard with linear switches. I thought I'd like how quiet it is, but I miss the clicks. Could you exchange it for the clicky version, still RGB backlight and still the 80% size? My gift card can cover the difference.

Thanks a lot!
""", actions=[return_items(o1, ids, pm(u, "gift_card")), exchange(o2, s, pm(u, "gift_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "exchange", "multi", "reference", "question", "no_order_id"])

# 34
u, o = "chen_smith_8425", "#W8859225"
add(34, u, "gift card + old order", """
Hi there,

A while ago I cancelled an order with two indoor security cameras, a mechanical keyboard and white earbuds, because I thought we were moving. Turns out we aren't moving after all. Could you just restore that order and ship it as it was? I'd rather not rebuild the whole cart.

Also, could you tell me how much is left on my gift card? I'm trying to decide whether to use it for something else.

Chen Smith
Jacksonville, FL 32278
""", facts=[balance(u, pm(u, "gift_card"))],
    tags=["question", "refusal", "wrong_state", "multi", "no_order_id"])

# 35
u, o = "isabella_smith_8805", "#W6686344"
add(35, u, "running shoes color", """
Hello,

I'm Isabella Smith from Philadelphia (19152). I recently ordered a pair of black sunglasses and some running shoes, size 9, in yellow. I've been second-guessing the yellow ever since: my running club wears black and I'll stick out like a highlighter.

If my order hasn't gone out yet, please change the shoes to the black ones (still size 9, synthetic with the rubber sole). If it's too late for that, don't change anything; just send me the tracking number so I know when they'll arrive.

Thank you,
Isabella
""", facts=[status_is(o, "processed"), tracking(o)],
    tags=["tracking", "question", "conditional", "wrong_state", "no_order_id"])

# 36
u, o1, o2 = "aarav_nguyen_7344", "#W7728728", "#W2443586"
s1 = [swap(o1, "Hiking Boots", {"size": "8"})]
s2 = [swap(o2, "Hiking Boots", {"size": "8"})]
add(36, u, "boots too small, twice", """
Hey,

Aarav Nguyen, Dallas 75268.

So the hiking boots I got from you (the synthetic, non-waterproof ones, size 7) arrived with my blue earbuds, and after one weekend hike my toes are not happy. I need to go up a size, so please exchange the boots from that delivered order for a size 8 — sorry, I first wrote 8.5 in my notes but I see you only do whole sizes, so 8 it is. Same synthetic, non-waterproof model.

The annoying part: I ordered a second pair of exactly the same boots as a backup, and that order (with the keyboard and the garden hose) hasn't shipped yet. Please change those to size 8 as well, same model, and leave the keyboard and the hose alone.

Any money back from either change goes to my PayPal, not the gift card.

Cheers
""", actions=[exchange(o1, s1, pm(u, "paypal")), modify_items(o2, s2, pm(u, "paypal"))],
    tags=["exchange", "modify_items", "multi", "no_order_id"])
