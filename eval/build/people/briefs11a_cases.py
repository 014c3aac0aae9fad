"""people_briefs11, part a: 18 e-mails written by hand, one per user of the `briefs11a` pool of
build.py (case n is that pool's n-th user), by a writer who read only the store (data/retail),
labels.py, build.py, the first lines of briefs2_cases.py for the format and the README's
sections on the case format and the labels.

Style: the first person of a task brief turned into the customer's own e-mail, by people who
write plainly and a little long-windedly: most e-mails carry two or three requests about
different orders, often name no order id and point at orders through the store (where an order
went, what is in it, which of two is dearer), some ask for a figure the store knows (a refund, a
price difference, a tracking number, a gift-card balance), some are conditional, and a few ask
for what the store cannot or may not do. Each label was looked up with labels.py after the
e-mail was written; e-mails were reworded where a lookup was not unambiguous.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, refund, return_items, status_is,
                    swap, total, tracking, user_address, balance)

CASES = []


add = brief_adder("people-briefs11", CASES)


# 1
u, o = "harper_smith_4233", "#W2954950"
s = [swap(o, "Mechanical Keyboard", {"switch type": "tactile", "size": "full size"})]
add(1, u, "Keyboard and my address", """
Hello,

This is Harper Smith. Two things, and I'll try to be clear about both.

First, the mechanical keyboard that came with my dumbbell set. It's the small 60% one with linear switches and the white backlight, and after a few weeks I've accepted that my hands just want a full-size board with a number pad. What I'd really like is that exact keyboard, linear and white backlight, only in full size. If that one isn't available, then please exchange it for the full-size one with tactile switches, still with the white backlight. The dumbbells stay, nothing wrong with them. Whatever the difference is, put it on (or back to) my PayPal, and tell me how much it comes to.

Second, my account still has my old Columbus address on it (182 Main Street, Suite 668, zip 43193). I've moved to Austin for good now, to the place that keyboard order was delivered to, so please make that address my default on the account so I stop having to type it in.

Thanks,
Harper
""", actions=[exchange(o, s, pm(u, "paypal")), user_address(u, address_of(o))],
    facts=[available(o, "Mechanical Keyboard", {"size": "full size"}, False), difference(o, s)],
    tags=["exchange", "user_address", "conditional", "multi", "question", "reference",
          "no_order_id"])

# 2
u, o1, o2 = "noah_wilson_6623", "#W5791505", "#W9288362"
ids = all_items(o1, "Vacuum Cleaner")
s = [swap(o2, "Headphones", {"color": "black"})]
add(2, u, "Sending some things back", """
Hi there,

My name is Noah Wilson, I live in Columbus, zip 43134. I've had a bit of a clear-out at home and I'd like to sort out two of my orders.

The big order with the cordless vacuum in it: I'm keeping the vacuum, I use it every day, but everything else from that order is going back. That's the A6 notebook, the glass tea kettle, the blue bluetooth speaker and the blue electric toothbrush. The refund should go back to my Visa ending 7551, which is what I paid with. Could you tell me what the refund adds up to?

Then the order where I got the dumbbell set along with the headphones. The headphones are the over-ear wired ones in blue, and honestly the blue looks a lot brighter than it did on screen. I'd like to exchange them for the same over-ear wired headphones in black. If that costs more, charge it to my Mastercard ending 2231, not the Visa, and let me know how much extra that is. The dumbbells I'm keeping.

Many thanks,
Noah
""", actions=[return_items(o1, ids, pm(u, "credit_card", brand="visa")),
              exchange(o2, s, pm(u, "credit_card", brand="mastercard"))],
    facts=[refund(o1, ids), difference(o2, s)],
    tags=["return", "exchange", "exclusion", "multi", "question", "no_order_id"])

# 3
u, o = "anya_silva_8688", "#W2570197"
s = [swap(o, "Fleece Jacket", {"size": "XL"}),
     swap(o, "Jigsaw Puzzle", {"pieces": "1500"})]
add(3, u, "Exchange of jacket and puzzle", """
Good morning,

I'm writing about the order that had the fleece jacket, the art jigsaw puzzle and the iron dumbbell set in it. The dumbbells are fine. The other two I'd like to exchange, both at the same time please.

The jacket is the navy one with the full zip in XS, and I should never have ordered an XS, it was meant to be a gift for my brother and he is a big man. Please swap it for the same navy full-zip fleece in XL.

The puzzle is the 1000 piece art one at intermediate level. We finished it in a weekend, so I'd like the 1500 piece art puzzle instead, same intermediate level.

Use my Mastercard for whatever the difference is, paying or refunding, and please tell me what the difference comes to in the end. In case you need it, I'm Anya Silva, 261 Spruce Street in Jacksonville, 32221.

Regards,
Anya Silva
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 4
u, o = "emma_rossi_6933", "#W4213437"
ids = item_ids(o, "Laptop", "Mechanical Keyboard")
add(4, u, "Return of laptop and keyboard", """
Hello,

I'm Emma Rossi (Columbus, OH 43215). Some time ago I had a home-office order delivered: a brown glass bookshelf, a white desk lamp, a black 13-inch laptop and a full-size clicky keyboard. My work has since given me a laptop and a keyboard of their own, so I would like to return the laptop and the keyboard from that order. The bookshelf and the lamp I'm keeping, they've found their places.

I paid for that order with my gift card, so please put the refund back on the gift card. I'd like to know two things: how much the refund for the laptop and keyboard comes to, and what the balance on my gift card is right now, before that refund lands, so I can keep track of it.

Thank you very much,
Emma
""", actions=[return_items(o, ids, pm(u, "gift_card"))],
    facts=[refund(o, ids), balance(u, pm(u, "gift_card"))],
    tags=["return", "question", "multi", "no_order_id"])

# 5
u, o = "isabella_johnson_1272", "#W7454537"
add(5, u, "Puzzle I want to send back", """
Hi,

This is Isabella Johnson, my zip code at home is 46215 in Indianapolis. A while back I ordered a jigsaw puzzle, the 1500 piece animals one, and had it sent to my sister's address in Charlotte as a surprise. She told me on the phone she isn't really a puzzle person, so I would like to send it back and have the money put back on my gift card, which is what I paid with. Could you set up the return for me? It's the only puzzle I've ordered, so there shouldn't be any confusion about which one I mean.

Thank you,
Isabella
""", tags=["refusal", "wrong_state", "no_order_id"])

# 6
u, o1, o2 = "mason_sanchez_7536", "#W9342124", "#W6209538"
s = [swap(o1, "Cycling Helmet", {"size": "M", "ventilation": "high"})]
ids = item_ids(o2, "Sunglasses")
add(6, u, "Helmet and sunglasses", """
Hi,

Mason Sanchez here, San Antonio, 78213. I've got two delivered orders I need to deal with.

The big one that came here to my place in San Antonio, with the camera, the smart watch, the skateboard and so on, also had a blue cycling helmet in size L. It's too loose on me. I'd like to exchange it for a blue helmet in size M, the one with high ventilation. Nothing else in that order changes.

Then the order I had delivered to the Chicago address on Elm Avenue, with the sunglasses and the blue speaker. I'm returning the sunglasses, the black polarized ones with green lenses. The speaker stays.

Everything I have with you is on my gift card, so use that for both: pay the helmet difference from it and put the sunglasses refund back on it. Please tell me what I pay extra for the helmet and how much comes back for the sunglasses.

Cheers,
Mason
""", actions=[exchange(o1, s, pm(u, "gift_card")), return_items(o2, ids, pm(u, "gift_card"))],
    facts=[difference(o1, s), refund(o2, ids)],
    tags=["exchange", "return", "multi", "reference", "question", "no_order_id"])

# 7
u, o = "raj_smith_7423", "#W8704143"
add(7, u, "My kettle order", """
Hello,

I have an order that hasn't gone out yet, just one thing in it: a white 2-litre electric kettle in stainless steel. I've since decided I'd like a glass one in black to match the rest of the kitchen. So, if you have the 2-litre glass electric kettle in black, please change my order to that one and charge any difference to my Mastercard. If you don't have that exact one, I don't want the white steel one anymore either, so please just cancel the order, since I no longer need it, and tell me how much will be refunded.

For verification: Raj Smith, 603 Sunset Drive, Washington DC 20174.

Best,
Raj
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Electric Kettle", {"material": "glass", "color": "black"}, False),
           total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 8
u, o = "yusuf_johnson_8087", "#W6735441"
ids = item_ids(o, ("Cycling Helmet", {"color": "red"}), "Perfume")
add(8, u, "Return from my last order", """
Dear customer service,

My name is Yusuf Johnson and I'm in Jacksonville, 32234. I received my order with the men's perfume, two cycling helmets and the small brown pet bed. I bought the two helmets so my son and I could ride together, but he has decided he doesn't want to cycle after all. So I would like to return his helmet, which is the red one in size M, and I'm keeping my own blue one. I'm also returning the perfume, because the oriental scent is not for me. The pet bed stays, the dog loves it.

Please refund everything to my Mastercard, and let me know the total amount I'll be getting back. Also, the parcel was left with a neighbour and I never got the shipping e-mail, so could you give me the tracking number for that order for my records?

Kind regards,
Yusuf Johnson
""", actions=[return_items(o, ids, pm(u, "credit_card"))],
    facts=[refund(o, ids), tracking(o)],
    tags=["return", "tracking", "question", "multi", "no_order_id"])

# 9
u, o1, o2 = "harper_moore_7767", "#W5964460", "#W1926021"
s = [swap(o2, "Fleece Jacket", {"size": "XL", "color": "navy"})]
add(9, u, "Toothbrush order and a jacket swap", """
Hi,

I'm Harper Moore, 299 Oak Street in Jacksonville, zip 32263.

I ordered a black electric toothbrush a little while ago, on its own in one order, and then my dentist gave me one for free. If that order hasn't shipped yet, please cancel it, since I no longer need it. Should it already be on its way, then don't worry about it, I'll keep it, just send me the tracking number so I can watch for it.

Also, from my order with the fleece jacket and the white cycling helmet: the jacket is the black one in L with a full zip. I'd like to exchange it for the navy one in XL, full zip as well. The helmet stays. Any difference goes to or comes from my PayPal, and please let me know what it is.

Thanks!
Harper
""", actions=[exchange(o2, s, pm(u, "paypal"))],
    facts=[status_is(o1, "processed"), tracking(o1), difference(o2, s)],
    tags=["exchange", "conditional", "tracking", "question", "multi", "no_order_id"])

# 10
u, o = "noah_nguyen_3444", "#W4418025"
ids = all_items(o, "Coffee Maker")
add(10, u, "Return to Fort Worth order", """
Hello,

I'm Noah Nguyen. I had a big order shipped to Fort Worth when I was staying there: a tea kettle, an espresso machine, a coffee maker, a wristwatch and a cycling helmet. Things have changed and I've moved back home, and I'd like to return all of it except the white drip coffee maker, which I'll hold on to.

I paid with my gift card so put the refund back on that gift card please. And could you tell me what the total of that refund will be? It's a lot of money, so I'd like to know the exact figure.

My zip code is 28258 if you need it.

Thanks,
Noah Nguyen
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 11
u, o = "amelia_kim_4338", "#W7634667"
new = address("1418 Magnolia Court", "Apt 3B", "Raleigh", "NC", "27601")
s = [swap(o, "Tea Kettle", {"capacity": "2 liters"}, where={"material": "glass"}),
     swap(o, "Mechanical Keyboard", {"backlight": "RGB"})]
add(11, u, "Changes to my open order", """
Hi,

I'm Amelia Kim, Charlotte NC 28230. I have one order that hasn't shipped, with a desk lamp, two tea kettles and a keyboard, and I need a few changes to it.

First, I'm starting a new job in Raleigh and that order should go there rather than to Charlotte. The address is 1418 Magnolia Court, Apt 3B, Raleigh, NC 27601. My account address can stay as it is for now.

Second, of the two kettles, the glass one (1.5 liters, for induction) is too small for us. Please make it the 2 liter glass induction kettle instead. The ceramic kettle stays as it is.

Third, the keyboard: it's the 80% one with linear switches and no backlight. I'd like the same 80% linear keyboard but with RGB backlight.

The lamp doesn't change. Those are all the changes to that order. Any money back or extra should go through my PayPal, not the gift card, and please let me know the overall price difference.

Thank you,
Amelia
""", actions=[order_address(o, new), modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "question", "no_order_id"])

# 12
u, o = "anya_kim_6731", "#W9801796"
add(12, u, "Bookshelf height", """
Hello,

My name is Anya Kim, I live at 584 Main Street in Denver, 80218. I ordered a black metal bookshelf, the 4 ft one, and now that I've measured the wall properly I realise I want the 6 ft version of the same black metal bookshelf. Could you change my order to that one? PayPal is fine for the extra cost.

If for some reason the change can't be made, then I'd rather you cancel the whole order (reason: ordered by mistake) and I'll order the right one myself.

Thanks so much,
Anya
""", facts=[status_is(o, "processed")],
    tags=["refusal", "wrong_state", "conditional", "no_order_id"])

# 13
u, o = "aarav_martin_9556", "#W2530531"
new = address("4410 Mission Bay Drive", "Apt 12", "San Diego", "CA", "92109")
add(13, u, "New address and a couple of questions", """
Hi,

I'm Aarav Martin. I moved last weekend, still in San Diego but to a different part of town, from 179 Spruce Street (zip 92143) to 4410 Mission Bay Drive, Apt 12, San Diego, CA 92109. Please update the address on my account to the new one.

My glass tea kettle order has been sent to the old address already I believe, so I'll pick it up from there, but can you give me its tracking number so I can follow it?

And one more: I paid for that kettle with my gift card and I've lost track of what's left on it. What's the current balance?

Thanks a lot,
Aarav
""", actions=[user_address(u, new)],
    facts=[tracking(o), balance(u, pm(u, "gift_card"))],
    tags=["user_address", "tracking", "question", "multi", "no_order_id"])

# 14
u, o1, o2 = "daiki_silva_1055", "#W7554560", "#W8393353"
add(14, u, "Garden hose length", """
Hello,

This is Daiki Silva from San Francisco (94106). I have an order with two tea kettles and a garden hose that I paid for with my Visa. The hose is the 50 ft green rubber one, and the more I think about it, my garden is tiny and 25 ft would be enough. Please change the hose to the 25 ft green rubber one. The kettles stay as they are.

While you're at it, could you also tell me the tracking number of that order?

And a question about the other order, the one with the dumbbell set that I cancelled: how much was refunded for it? I just want to make sure the full amount came back.

Thank you,
Daiki
""", facts=[tracking(o1), total(o2)],
    tags=["refusal", "wrong_state", "tracking", "question", "multi", "no_order_id"])

# 15
u, o1, o2 = "juan_nguyen_7430", "#W9537685", "#W2430890"
s = [swap(o2, "Hiking Boots", {"size": "8"})]
add(15, u, "Keyboard order and boots", """
Hi,

Juan Nguyen here, Phoenix, AZ 85099.

I have a pending order for a mechanical keyboard with tactile switches, and I placed that by mistake, I was only looking at it and somehow it went through. Please cancel that order, reason: ordered by mistake.

Separately, my hiking boots arrived, the synthetic ones that aren't waterproof, in size 7 together with the smart watch. They pinch. I'd like to exchange them for the same boots in size 8. I'm keeping the watch. The difference, whichever way it goes, should go to my Mastercard, and I'd be grateful if you told me how much it is.

Thanks,
Juan
""", actions=[cancel(o1, "ordered by mistake"), exchange(o2, s, pm(u, "credit_card"))],
    facts=[difference(o2, s)],
    tags=["cancel", "exchange", "multi", "question", "no_order_id"])

# 16
u, o1, o2 = "emma_ito_4529", "#W8664580", "#W3780282"
s = [swap(o1, "Water Bottle", {"color": "red"})]
add(16, u, "Water bottle order and coffee maker", """
Hello,

I'm Emma Ito, 965 Broadway, Suite 140, Philadelphia 19022.

My water bottle order hasn't shipped yet. I paid for it with PayPal, but I'd rather it came off my Visa card, so please move the payment over to the Visa. And while it's still open, I'd like the bottle in red instead of blue: same 1000ml stainless steel bottle, just red. Any difference on that can go on the Visa too.

Also, I ordered a black espresso-style coffee maker separately and I'm wondering where it is. Could you give me the tracking number for that order?

Thanks very much,
Emma
""", actions=[payment(o1, pm(u, "credit_card")), modify_items(o1, s, pm(u, "credit_card"))],
    facts=[tracking(o2)],
    tags=["payment", "modify_items", "tracking", "multi", "question", "no_order_id"])

# 17
u, o = "harper_khan_9597", "#W8073958"
add(17, u, "Order going to San Diego", """
Hi,

I'm Harper Khan, and I live in Philadelphia, 19029. I have an order that hasn't shipped yet with wireless earbuds, a digital camera, an air purifier and an action camera, and it's set to go to an address on Oak Street in San Diego. I was going to be there for the summer but the plans fell through, so please have that order delivered to my home address in Philadelphia instead, the one on my account.

I'd also rather that order were paid with my Mastercard, not with the gift card I used, so please switch the payment to the Mastercard.

And could you confirm the total amount of that order? I want to make sure I know what's going on the card.

Best regards,
Harper Khan
""", actions=[order_address(o, default_address(u)), payment(o, pm(u, "credit_card"))],
    facts=[total(o)],
    tags=["address", "payment", "multi", "question", "reference", "no_order_id"])

# 18
u, o1, o2 = "james_johnson_9321", "#W1006327", "#W7836908"
s = [swap(o2, "Running Shoes", {"color": "black"}),
     swap(o2, "Skateboard", {"length": "31 inch"})]
add(18, u, "My two open orders", """
Hello,

James Johnson writing, from Chicago, 60625. I have two orders with you that haven't been sent yet and I need to sort both out.

The more expensive of the two, I'd like to cancel altogether. I no longer need anything in it. Please tell me how much I'll get back for it.

In the other one, I'd like two changes. The running shoes are yellow, size 9, and I'd like the black ones instead, still size 9 and otherwise the same. And the skateboard is the plain plastic 28 inch one, which I'd like to change to the plain plastic 31 inch. The sunglasses stay as they are, and that's all the changes for that order. Put any difference on my Visa, and let me know what it comes to.

Thank you,
James
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "credit_card"))],
    facts=[total(o1), difference(o2, s)],
    tags=["cancel", "modify_items", "multi", "reference", "question", "no_order_id"])
