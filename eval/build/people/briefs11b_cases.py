"""people_briefs11, second part (cases 19-36): e-mails written by hand, one per user, by a
writer who read only the store (data/retail), labels.py, build.py and the first lines of
briefs2_cases.py for the format.

Style: customers' own voices, each a different person: a retiree writing formally in full
sentences, a list of requests with dashes, a non-native speaker, a student typing fast in lower
case, someone who answers their own question in a P.S., a customer slightly annoyed about a late
delivery, a self-correction mid-e-mail, terse lines and chatty ones. Requests are cancellations,
item changes of pending orders, exchanges, returns (some "everything except ..."), order and
account address changes, a payment change, questions whose answer is a store figure, several
requests in one e-mail, conditionals, references through the store instead of order ids, and
three e-mails where nothing may be written (orders in the wrong state). Each e-mail names what
a correct agent needs, since the only reply is "Yes, please go ahead."

Case n is the (n-18)-th user of the `briefs11b` pool of build.py.
"""
from labels import (address, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []


add = brief_adder("people-briefs11", CASES)


# 19 — a retiree, formal; the order is named by the city it went to
u, o1, o2 = "evelyn_lee_1924", "#W2015099", "#W3181060"
s = [swap(o1, "Desk Lamp", {"power source": "USB"})]
ret = item_ids(o2, "Mechanical Keyboard")
add(19, u, "Two matters regarding my recent orders", """
Dear Sir or Madam,

I am writing about two of my orders, both of which have now been delivered.

The first is the order I had sent to my sister's home in San Diego, containing a coffee maker and a white desk lamp. The lamp runs on batteries, and I am afraid my sister finds herself replacing them constantly. I should like to exchange it for the same white lamp, also at high brightness, but one that is powered by USB. Any difference in price may be charged to my PayPal account. Kindly tell me what that difference comes to.

The second is the keyboard that was delivered to my own address here in Washington, the full-size one with the clicky keys and the coloured lighting. I bought it for my grandson, who tells me he already has one. I would like to return it, and to have the refund go back to my PayPal account, which is how I paid for it. Please let me know the amount I shall be refunded.

Thank you in advance for your help.

Yours faithfully,
Evelyn Lee
Zip code 20122
""", actions=[exchange(o1, s, pm(u, "paypal")), return_items(o2, ret, pm(u, "paypal"))],
    facts=[difference(o1, s), refund(o2, ret)],
    tags=["exchange", "return", "multi", "reference", "question", "no_order_id"])

# 20 — a gift to her daughter; change the address only if the order can still be changed
u, o = "isabella_thomas_4211", "#W1770559"
add(20, u, "espresso machine - where is it going?", """
Hello,

My name is Isabella Thomas (zip 28243). I ordered an automatic espresso machine a little while ago and I just realized it is set to go to my daughter's old place in Los Angeles. She moved out of there last month!

If the order can still be changed, please send it to my own address in Charlotte, the one on my account, instead. If it's too late for that, don't change anything, just give me the tracking number so I can try to sort it out with the carrier myself.

Thanks so much,
Isabella
""", facts=[status_is(o, "processed"), tracking(o)],
    tags=["conditional", "tracking", "question", "no_order_id"])

# 21 — requests as a dash list; a return of everything but one item
u, o = "mason_ahmed_2061", "#W2101159"
ids = all_items(o, "Grill")
add(21, u, "Return + a question", """
Hi there, Mason Ahmed here, Austin TX 78739.

My big order from a while back (grill, luggage, kettle, lamp, keyboard) was delivered, but most of it isn't working out. Here's what I need:

- return everything in that order EXCEPT the charcoal grill, which I'm keeping
- refund to my gift card please (that's what I paid with anyway)
- tell me how much the refund will be
- and what's the balance on that gift card right now, before the refund goes in?

Cheers
""", actions=[return_items(o, ids, pm(u, "gift_card"))],
    facts=[refund(o, ids), balance(u, pm(u, "gift_card"))],
    tags=["return", "exclusion", "question", "multi", "no_order_id"])

# 22 — a non-native speaker; a conditional change of a pending order
u, o = "juan_garcia_9528", "#W1013897"
s = [swap(o, "Tea Kettle", {"stovetop compatibility": "induction"}),
     swap(o, "Water Bottle", {"material": "stainless steel"})]
add(22, u, "change in my order please", """
Good morning,

I am Juan Garcia, my zip code is 75253. I have one order that is not send yet, with a ceramic tea kettle and a black water bottle. I make a mistake when I buy it, the kettle I choose is for electric stove but in my new kitchen I don't have electric.

Please, if you have the same kettle (ceramic, 1.5 liters) for gas stove, change it for this one. If for gas there is not, then change it for the one for induction, also ceramic and 1.5 liters.

Also the water bottle, I want it in stainless steel and not plastic. Same size 500ml, same color black.

For pay the difference use my gift card please. How much more I must pay in total?

Thank you very much for your help.
Juan
""", actions=[modify_items(o, s, pm(u, "gift_card"))],
    facts=[available(o, "Tea Kettle", {"stovetop compatibility": "gas"}, False),
           difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 23 — a student, lower case, fast
u, o1, o2 = "liam_muller_2178", "#W9827806", "#W9486384"
ret = item_ids(o1, "Espresso Machine")
s = [swap(o2, "Yoga Mat", {"material": "PVC"})]
add(23, u, "return + swap", """
hey, liam muller here (zip 32250)

ok so two things. the capsule espresso machine from the order where i also got the blue earbuds, i want to send it back. roommate already has one and we have zero counter space lol. refund on my visa pls, and how much is that coming back to me

also in my other order (the one with the phone) the green yoga mat is natural rubber and it smells SO bad. can i swap it for the same green 6mm one but in PVC? charge the visa for whatever the difference is

thx
""", actions=[return_items(o1, ret, pm(u, "credit_card")),
              exchange(o2, s, pm(u, "credit_card"))],
    facts=[refund(o1, ret)],
    tags=["return", "exchange", "multi", "reference", "question", "no_order_id"])

# 24 — answers his own side question in a P.S.
u, o = "aarav_davis_5411", "#W6552785"
s = [swap(o, "T-Shirt", {"color": "black"}), swap(o, "Desk Lamp", {"color": "black"})]
add(24, u, "Exchanging two things from my last order", """
Hi,

This is Aarav Davis, 46233. My last order arrived (espresso machine, a t-shirt and a desk lamp) and the espresso machine is great, but I'd like to exchange the other two:

1. The red crew neck cotton t-shirt in XXL: I want the same shirt in black instead. Same size, same cotton crew neck.
2. The white desk lamp with the AC adapter, high brightness: same lamp in black please.

Please put any price difference on my Visa, not PayPal. What will the difference be altogether?

Also, do I need to ship the old items back before the new ones go out?

Thanks,
Aarav

P.S. Scratch that last question, I just found the part of your site that says you'll e-mail me instructions for sending things back. All good.
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 25 — terse; "the more expensive" of two pending orders; payment change on the other
u, o_big, o_small = "juan_smith_5229", "#W7546247", "#W1429524"
add(25, u, "Two pending orders", """
Juan Smith, Dallas 75218.

I have two orders that haven't shipped. Please cancel the more expensive of the two, I ordered it by mistake. Tell me how much will be refunded.

The other one, I'd like to pay for it with my PayPal rather than the gift card it's on now.

Thanks.
""", actions=[cancel(o_big, "ordered by mistake"), payment(o_small, pm(u, "paypal"))],
    facts=[total(o_big)],
    tags=["cancel", "payment", "multi", "reference", "question", "no_order_id"])

# 26 — slightly annoyed about a late delivery, but only wants the changes made
u, o_late, o_done = "juan_brown_8562", "#W3611574", "#W4960069"
s = [swap(o_done, "Office Chair", {"color": "gray"})]
add(26, u, "Still waiting...", """
Hello,

I'm honestly a bit frustrated. My order with the two espresso machines and the tablet was supposed to be here by now and I have no idea where it is. I don't want to cancel it, I just want to know what's going on, so send me the tracking number for it.

While I have you: the office chair from my other order (the one that did arrive, with the puzzle and the coffee maker) is the black fabric high-back one without armrests. It clashes with everything in my office. I'd like to exchange it for the gray version, same fabric, high-back, no armrests. Whatever the price difference is, put it on my Visa.

Juan Brown
75347
""", actions=[exchange(o_done, s, pm(u, "credit_card"))], facts=[tracking(o_late)],
    tags=["exchange", "tracking", "question", "multi", "annoyed", "reference", "no_order_id"])

# 27 — moved; wants the address updated everywhere, but the one open order has shipped
u, o = "mia_taylor_6226", "#W2579604"
new = address("2150 Vance Jackson Road", "Apt 12", "San Antonio", "TX", "78213")
add(27, u, "New address!", """
Hi!! Mia Taylor here, old zip 78257.

I finally moved into my new apartment this weekend. Could you please update my address everywhere you have it? The new one is:

2150 Vance Jackson Road, Apt 12
San Antonio, TX 78213

That means my account and also my order that's on the way (the one with the bookshelf, the thermostat, the dumbbells and all that) so nothing ends up at the old place.

Thank you, you're the best :)
Mia
""", actions=[user_address(u, new)],
    tags=["user_address", "refusal", "wrong_state", "no_order_id"])

# 28 — a summer address for one order, then a size change in the same order
u, o = "omar_anderson_5940", "#W2091016"
tucson = address("1834 East Speedway Boulevard", "Unit 6", "Tucson", "AZ", "85719")
s = [swap(o, "Hiking Boots", {"size": "10"})]
add(28, u, "order not shipped yet - address and boots", """
Hi, this is Omar Anderson from Phoenix, zip 85011.

I'm staying at my brother's place in Tucson for the next couple of months, so please ship my open order (the one with the two coffee makers, the desk lamp and the hiking boots) there instead of home:

1834 East Speedway Boulevard, Unit 6, Tucson, AZ 85719

My home address on the account stays as it is, this is just for this order.

Also, I ordered those boots in size 11 and that's too big. Please make them a size 10, same synthetic waterproof ones. Use my PayPal for the difference and let me know how much it is.

Thanks,
Omar
""", actions=[order_address(o, tucson), modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "question", "no_order_id"])

# 29 — two terse lines
u, o = "omar_taylor_1594", "#W4928532"
s = [swap(o, "Cycling Helmet", {"size": "M"})]
add(29, u, "helmet size", """
The white bike helmet I got is a size S and it's too tight. Please exchange it for the same one in size M, difference on my Mastercard. Omar Taylor, 95112.
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 30 — redirect an order to the default address; pay by gift card only if it covers it
u, o = "emma_nguyen_5878", "#W5809689"
add(30, u, "Kettle order", """
Hello,

I'm Emma Nguyen, zip 75302. I have a ceramic tea kettle on order that's set to go to the San Francisco address where I was staying for work. I'm back home in Dallas now, so please send it to my home address on file instead.

One more thing: I'd like to use up my gift card on this order instead of my Mastercard, but only if the gift card balance covers the whole thing. If it doesn't, just leave it on the Mastercard. Either way, could you tell me what my gift card balance is?

Thank you,
Emma
""", actions=[order_address(o, default_address(u))], facts=[balance(u, pm(u, "gift_card"))],
    tags=["address", "question", "no_order_id"])

# 31 — a self-correction mid-e-mail
u, o_lamp, o_speaker = "aarav_anderson_8794", "#W9300146", "#W3220203"
s = [swap(o_lamp, "Desk Lamp", {"brightness": "medium"})]
add(31, u, "lamp + speaker", """
Hi, Aarav Anderson, Philadelphia 19031.

The black desk lamp I ordered (USB powered, low brightness) hasn't shipped yet, and I'd like to change it to the high brightness one. Actually no, wait, high is going to be way too much for my bedroom. Make it the medium brightness one, still black and USB. The difference can come off my gift card.

And could you send me the tracking number for my black bluetooth speaker order? It shows as processed but I don't see where it is.

Thanks!
""", actions=[modify_items(o_lamp, s, pm(u, "gift_card"))], facts=[tracking(o_speaker)],
    tags=["modify_items", "tracking", "question", "multi", "no_order_id"])

# 32 — wants to cancel an order that has already left the warehouse
u, o = "emma_lopez_8196", "#W4686509"
add(32, u, "Please cancel", """
Hi,

I need to cancel the order that's going to the Washington DC address, the one with the black cycling helmet, the hiking boots and the black v-neck t-shirt. I ordered it by mistake, those were meant for my cousin and she already bought them herself.

Emma Lopez
zip 80236
""", tags=["refusal", "wrong_state", "no_order_id"])

# 33 — cancel one order, return most of another
u, o_pend, o_del = "harper_lee_2110", "#W8584917", "#W4363379"
ids = all_items(o_del, "Air Purifier")
add(33, u, "Cancellation and a return", """
Hello,

Could you help me with two of my orders? I'm Harper Lee, zip code 76157.

First, the order with the wall clock and the french press coffee maker hasn't shipped yet. Please cancel it, I no longer need either of them.

Second, from the delivered order that had the air purifier in it, I want to return everything except the air purifier. So the silver desk lamp, the smart thermostat, the LED bulb and the blue electric toothbrush all go back. The refund can go to my gift card.

How much will I get back for the returned items?

Many thanks,
Harper
""", actions=[cancel(o_pend, "no longer needed"), return_items(o_del, ids, pm(u, "gift_card"))],
    facts=[refund(o_del, ids)],
    tags=["cancel", "return", "exclusion", "multi", "reference", "question", "no_order_id"])

# 34 — a conditional on a delivered order: exchange if available, otherwise return
u, o = "raj_kim_8554", "#W5697187"
ret = item_ids(o, "Headphones", "Electric Toothbrush")
add(34, u, "Headphones and toothbrush", """
Hi, I'm Raj Kim, zip 32145.

From the order I received with the boots, bookshelf, helmet and so on, two things:

The white electric toothbrush is going back, I don't need it.

The white on-ear wireless headphones: I really wanted them in black. If you have the same on-ear wireless ones in black, please exchange them. If black isn't available, then just send the headphones back along with the toothbrush.

Any refund should go back to my Mastercard, the card I paid with. Please tell me how much I'll be refunded.

Raj
""", actions=[return_items(o, ret, pm(u, "credit_card"))],
    facts=[available(o, "Headphones", {"color": "black"}, False), refund(o, ret)],
    tags=["return", "conditional", "question", "no_order_id"])

# 35 — a new default address, and a question about a cancelled order's refund
u, o = "mei_johansson_1199", "#W5009508"
new = address("227 West 77th Street", "Apt 4F", "New York", "NY", "10024")
add(35, u, "Address update and a refund question", """
Mei Johansson, New York, NY 10187.

Please change the default address on my account to:
227 West 77th Street, Apt 4F, New York, NY 10024

And I cancelled an order a while ago (t-shirt, portable charger, glass kettle). How much was refunded for it? I can't tell which charge on my card statement it was.

Thanks
""", actions=[user_address(u, new)], facts=[total(o)],
    tags=["user_address", "question", "multi", "no_order_id"])

# 36 — wants a cancelled order brought back
u = "omar_lopez_7451"
add(36, u, "undo my cancellation?", """
Hey,

Omar Lopez, San Diego 92185. I cancelled my order with the laptop, keyboard, boots and bookshelf and now I regret it. Can you just un-cancel it and ship it like it was? Same PayPal, same address, nothing else changes.

Thanks man
""", tags=["refusal", "wrong_state", "no_order_id"])
