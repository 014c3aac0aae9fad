"""people_briefs10, first part (cases 1-18): e-mails written by hand, one at a time, by a
helper writer session that read only the store (data/retail), its policy, labels.py, build.py,
the first lines of briefs2_cases.py for the file format and the README's case-format and label
sections. The writer saw nothing of how the agent works.

Style: a task brief written by a person for a customer simulator, then turned into the
customer's own e-mail: who I am and where I live, what I want and why, what to do if the first
choice cannot be had, and the persona's remarks kept in the first person ("I'm in a hurry",
"I don't want to give more details than needed"). Some are one paragraph, some several; some
put the condition before the request or the payment method in a P.S. Items go by everyday
names where a person would use them, always precise enough for a careful reader to pin down.

Mix: cancellations, item changes of pending orders, exchanges, returns (with exclusions),
order and account address changes, payment changes, questions whose answer is a store figure,
several requests in one e-mail, conditionals, references through the store, and three e-mails
where nothing may be written (a refund to a method the store cannot pay, a partial
cancellation, a cancellation of an order already processed).

Case n is the n-th user of the `briefs10a` pool of `build.py`.
"""
from labels import (address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, refund, return_items, status_is, swap, total,
                    tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs10", CASES)


# 1
u, o = "fatima_brown_5229", "#W1649831"
s = [swap(o, "Dumbbell Set", {"weight range": "5-25 lbs"})]
add(1, u, "Dumbbells", """
Hello,

This is Fatima Brown, 800 Park Avenue in San Jose, 95187. I already own the heavy 55-75 lb adjustable dumbbells I got from you earlier, and the set I ordered afterwards (the one that hasn't shipped yet) was supposed to be the light one for my daughter. I picked 30-50 lbs by accident. Please make it the 5-25 lbs set instead, still adjustable and still urethane.

My gift card only has a few dollars left on it, so any extra should go on my Visa. How much more will the lighter set cost me?

Thanks,
Fatima
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 2
u, o = "mia_silva_4504", "#W6319233"
ids = all_items(o, "Bookshelf", "Sneakers")
add(2, u, "Return", """
Hi, Mia Silva here (San Jose, zip 95173). I had a big order delivered a little while ago with a bookshelf, sneakers, a toothbrush, a makeup kit and an indoor security camera. I'm keeping the black glass bookshelf and the sneakers. Everything else from that order goes back. Refund it to my Mastercard, the one I paid with. I'd like to know how much I'll be getting back in total. I don't really want to get into why, they just weren't for me.
""", actions=[return_items(o, ids, pm(u, "credit_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 3
u, o = "amelia_gonzalez_4098", "#W1762492"
s = [swap(o, "Running Shoes", {"color": "black"}),
     swap(o, "Water Bottle", {"color": "black"})]
add(3, u, "swap two things", """
Hi there,

I'm Amelia Gonzalez, Denver CO 80245. In the order that came with my wristwatch and hiking boots there were also yellow running shoes and a green glass water bottle. The yellow is way too loud for me and the green bottle doesn't match anything. I'd like to exchange the running shoes for the black ones (same size 9, same synthetic with rubber sole) and the water bottle for the black one, still 500ml glass. That's all I want to change in that order.

I only have my gift card, so please use it for whatever the difference is, and tell me what that difference comes to. I think there's about eleven dollars on it, hopefully that's enough.

Amelia
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 4
u, o1, o2 = "emma_kim_1076", "#W3698202", "#W2768383"
add(4, u, "Wrong addresses on my orders", """
Emma Kim, zip 46214. I'm back home in Indianapolis for good now, and two of my orders are still set to go to places I was staying at before.

The grill and e-reader order is going to Columbus, Ohio. Please send it to my home address on my account instead (562 Elm Avenue, Suite 656).

The light bulb is headed to New York. Same thing, send it home if you still can. If it's too late for that one, then just give me its tracking number so I can keep an eye on it and I'll sort it out with the carrier.
""", actions=[order_address(o1, default_address(u))], facts=[status_is(o2, "processed"), tracking(o2)],
    tags=["address", "multi", "refusal", "wrong_state", "tracking", "question", "conditional",
          "no_order_id"])

# 5
u, o = "mason_wilson_4597", "#W4318885"
s = [swap(o, "Action Camera", {"resolution": "4K", "waterproof": "yes"})]
add(5, u, "action camera in my pending order", """
My name is Mason Wilson, I live in Phoenix, AZ 85028. In my order that hasn't shipped (tea kettle, speaker, hiking boots, action camera) I chose the 5K silver action camera that isn't waterproof, and I realized I need a waterproof one for kayaking. Swap it for the 4K waterproof camera, still silver. Only do it if that costs the same or less than what I paid for the 5K one: my gift card is the only payment method I have and it's empty, so I can't pay anything extra. If it's cheaper, tell me how much comes back to me. Nothing else in that order changes.
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 6
u, o = "ivan_johnson_6036", "#W1671835"
s = [swap(o, "Perfume", {"size": "100ml"})]
add(6, u, "perfume + my address", """
Hello. Ivan Johnson, account zip 94183 (San Francisco), but that's out of date: I've moved to Fort Worth, to the same place my perfume order was delivered to. Please make that Fort Worth address my default address on the account.

Also, the woody men's perfume from that order is 30ml and it's gone too fast already. I'd like to exchange it for the 100ml bottle of the same woody men's scent. Put any money difference on my PayPal.
""", actions=[user_address(u, address_of(o)), exchange(o, s, pm(u, "paypal"))],
    tags=["user_address", "exchange", "multi", "reference", "no_order_id"])

# 7
u = "liam_nguyen_9081"
add(7, u, "Speaker return", """
Liam Nguyen, San Jose 95184.

I want to send back the black bluetooth speaker that came together with my espresso machine. I don't want store credit this time: the refund has to go to my PayPal account, not onto the gift card. If you can't put the money on PayPal, then don't start the return at all, I'll just keep the speaker. I'm in a hurry so please keep it short.
""", tags=["refusal", "no_order_id"])

# 8
u, o1, o2 = "noah_khan_5763", "#W1483350", "#W3818056"
s = [swap(o1, "Mechanical Keyboard", {"backlight": "RGB"}),
     swap(o1, "Smart Thermostat", {"color": "stainless steel"})]
add(8, u, "keyboard and thermostat", """
Hi,

Noah Khan here, 143 Highland Drive, San Francisco 94140.

I got order #W1483350 and want to swap two things from it. The mechanical keyboard: I want the one with RGB backlight instead of no backlight, but keep the linear switches and the full size. The smart thermostat: keep it Apple HomeKit, but I'd rather have it in stainless steel than black. Those are the only two items I want to exchange.

Use my PayPal for the difference, and let me know the net amount. And while you're at it, what's the tracking number for my other order, the one with the phone, the smart watch and the T-shirt?

Thanks
""", actions=[exchange(o1, s, pm(u, "paypal"))], facts=[difference(o1, s), tracking(o2)],
    tags=["exchange", "multi", "question", "tracking"])

# 9
u = "mei_moore_8248"
add(9, u, "Remove the watch please", """
Hello, I'm Mei Moore, Los Angeles, zip 90980.

My order that hasn't shipped yet has sunglasses, a leather wristwatch with a black dial, a white bookshelf and a wall clock. I changed my mind about the watch only. Please just take the watch out of that order and refund me for it. I do NOT want to cancel the rest: I still want the sunglasses, the bookshelf and the clock to arrive as planned. If removing only the watch isn't something you can do, leave the order exactly as it is and I'll deal with the watch once it arrives.

Mei
""", tags=["refusal", "no_order_id"])

# 10
u, o1, o2 = "olivia_lopez_3865", "#W5481803", "#W9373487"
s = [swap(o2, "Portable Charger", {"color": "black"})]
add(10, u, "my two open orders", """
Good morning, this is Olivia Lopez from Fort Worth, TX 76171.

I have two orders that haven't gone out yet. The more expensive of the two I ordered by mistake, please cancel it altogether, and tell me how much will be refunded. For the other one, the portable charger, I'd like it in black instead of blue, same 20000mAh wireless model. Whatever the price difference is can go on my gift card, it's the only thing I pay with.

I'd rather not give more details than that, thank you.
""", actions=[cancel(o1, "ordered by mistake"), modify_items(o2, s, pm(u, "gift_card"))],
    facts=[total(o1)],
    tags=["cancel", "modify_items", "multi", "reference", "question", "no_order_id"])

# 11
u, o = "mei_davis_8935", "#W1267569"
s = [swap(o, "Gaming Mouse", {"sensor type": "optical"})]
add(11, u, "pending order changes", """
Hi, I'm Mei Davis (Denver, 80217).

If the black wireless earbuds exist with 8 hours of battery (same waterproof IPX7 rating), change the earbuds in my pending order to those. If they don't, leave the earbuds as they are.

In that same order, the white wireless gaming mouse should be the optical one instead of laser. Keep it white and wireless.

That's everything for that order: it's the one with the headphones, the air purifier and the thermostat. Charge or refund any difference on my Mastercard, and tell me how much it comes to.
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Wireless Earbuds", {"battery life": "8 hours"}, False),
           difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 12
u, o = "yara_sanchez_9145", "#W9102482"
add(12, u, "cancel watch order", """
Yara Sanchez, 883 Pine Lane, Columbus OH 43097. Please cancel my order with the black metal wristwatch and the blue bluetooth speaker, I ordered it by mistake. It hasn't arrived yet so I assume that's fine. If it's too late to cancel, then don't change anything, I'll simply refuse the package at the door.
""", facts=[status_is(o, "processed")],
    tags=["wrong_state", "refusal", "conditional", "no_order_id"])

# 13
u, o1, o2 = "omar_khan_2363", "#W2421430", "#W6304490"
s = [swap(o1, "Fleece Jacket", {"size": "L"})]
add(13, u, "jacket size and a hose", """
Hi,

Two things, and I'll be quick. I'm Omar Khan, Dallas, zip 75203.

The red half-zip fleece jacket I got (with the camera, perfume and yoga mat) is a size S and it's too tight. If you have it in a medium, red half-zip, exchange it for that. If there's no medium, then go up to the large, still red and half-zip. Tell me what the difference in price is.

Second, from my other delivered order, the one with the skateboard and the air purifier, I want to return the garden hose. Nothing else from that order.

Everything goes on my Mastercard.
""", actions=[exchange(o1, s, pm(u, "credit_card")),
              return_items(o2, item_ids(o2, "Garden Hose"), pm(u, "credit_card"))],
    facts=[available(o1, "Fleece Jacket", {"size": "M"}, False), difference(o1, s)],
    tags=["exchange", "return", "multi", "conditional", "question", "no_order_id"])

# 14
u, o1, o2 = "harper_santos_8115", "#W6629830", "#W4941028"
add(14, u, "Charlotte order", """
Hello,

I placed an order with an electric toothbrush, perfume, a pet bed, a wall clock and a digital camera and it's set to ship to Charlotte, NC. That was a mistake on my part. Please send it to the same address as my other order that's still pending (the one with the laptop and sunglasses).

P.S. For that Charlotte order I'd also like to switch the payment from PayPal to my Visa card. Can you confirm the order total that will be charged to the Visa?

Harper Santos
zip 46237
""", actions=[order_address(o1, address_of(o2)), payment(o1, pm(u, "credit_card"))],
    facts=[total(o1)],
    tags=["address", "payment", "multi", "reference", "question", "no_order_id"])

# 15
u, o1, o2 = "lei_li_6575", "#W5166363", "#W3189752"
add(15, u, "laptop order / payment", """
Hi, my name is Lei Li and I live at 604 Pine Lane in Phoenix, 85033.

I'm not sure of the order number, but the laptop that's going to San Francisco was ordered by mistake, so please cancel that order. How much do I get back from it?

And the order with the office chair, the makeup kit and the red speaker, which I paid with PayPal, I'd like to pay with my Visa instead.
""", actions=[cancel(o1, "ordered by mistake"), payment(o2, pm(u, "credit_card"))],
    facts=[total(o1)],
    tags=["cancel", "payment", "multi", "question", "reference", "no_order_id"])

# 16
u, o = "ava_silva_4632", "#W6805991"
s = [swap(o, "Espresso Machine", {"type": "capsule"})]
add(16, u, "espresso machine question", """
Ava Silva, Fort Worth, TX 76109.

Before I decide anything: what is the balance on my gift card right now, and how much more would the capsule version of my espresso machine cost than the manual one I ordered (same 19 bar, 1L)? It's in my pending order together with the jigsaw puzzle.

If the gift card covers the difference, go ahead and switch the machine to capsule, paid with the gift card. If it doesn't, leave the order as it is; I don't have any other way to pay.
""", facts=[balance(u, pm(u, "gift_card")), difference(o, s)],
    tags=["question", "no_order_id"])

# 17
u, o1, o2 = "ethan_moore_3587", "#W7156413", "#W7584328"
ids = all_items(o1, "Luggage Set")
s = [swap(o2, "Backpack", {"color": "grey"})]
add(17, u, "return + backpack colour", """
Hey, it's Ethan Moore, 102 Elm Street, Los Angeles 90651.

From the delivered order that had the luggage set in it, I'm keeping the luggage and returning everything else (the gray sneakers and the red speaker from that order, not the ones in any other order). Refund to my Visa. How much will that be?

Then my backpack order that hasn't shipped yet: I want the backpack in grey instead of navy, everything else the same (small, nylon, laptop compartment). Same Visa for any difference.
""", actions=[return_items(o1, ids, pm(u, "credit_card")),
              modify_items(o2, s, pm(u, "credit_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "modify_items", "exclusion", "multi", "question", "no_order_id"])

# 18
u, o1, o2 = "ethan_lopez_6291", "#W6779827", "#W8073920"
s = [swap(o2, "Hiking Boots", {"size": "11"})]
add(18, u, "Order changes", """
Hello,

Ethan Lopez, 103 Hillcrest Drive, Columbus OH 43275.

The order I paid for with my gift card that has the espresso machine, the coffee maker, the dumbbells and the pet bed: please cancel it, I no longer need it since I got a machine locally. I'd like to know how much goes back to me.

And in the order that's being shipped to New York, the leather waterproof hiking boots are a size 12, which is too big. Change them to size 11, same leather and waterproof. Charge any difference to my Mastercard.

Thanks.
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "credit_card"))],
    facts=[total(o1)],
    tags=["cancel", "modify_items", "multi", "reference", "question", "no_order_id"])
