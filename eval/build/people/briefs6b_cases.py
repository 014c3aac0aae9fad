"""people_briefs6, cases 21-40: e-mails written by hand in the style of tau-bench's retail task
briefs, as a hurried customer would write them (see briefs_cases.py for the style and the README
for the pool and split rules).

Each e-mail was written one at a time after reading that user's orders in data/retail; case
20+k is about the k-th user of the `briefs6b` pool of `build.py`. No text is taken from
tau-bench or from the other sets.

This file is data (20 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel, difference,
                    exchange, item_ids, modify_items, order_address, paid_with, payment, pm,
                    policy, price, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []


add = brief_adder("people-briefs6", CASES)


# 21
u, o, old = "ethan_li_6208", "#W7309535", "#W8783295"
s = [swap(o, "Smart Thermostat", {"compatibility": "Google Assistant", "color": "black"})]
add(21, u, "Order help", """
I'm Ethan Li, zip code 43135. We got rid of our Alexa speakers and moved the whole house over to Google, so the thermostat I received is now the odd one out. I'd like to exchange it for the Google Assistant model in the same stainless steel finish. If that one isn't in stock, then the Google Assistant one in black is fine instead. Put any difference on my Mastercard and tell me what it comes to. Unrelated: back when I cancelled the order with the espresso machine and the kettle, how much was refunded to me in total?
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Smart Thermostat", {"compatibility": "Google Assistant"}, False),
           difference(o, s), total(old)],
    tags=["exchange", "conditional", "question", "info", "multi", "no_order_id"])

# 22
u, o = "harper_ahmed_5055", "#W9532616"
ids = all_items(o, "Digital Camera")
add(22, u, "Order help", """
I'm Harper Ahmed, zip code 85041. Short version: I'm keeping the camera (the big 30MP one) from my last delivery and sending everything else in that box back. So that's the perfume, the security cam, the blue bottle and the brown sunglasses. Refund it all onto the gift card I used to pay. What's the total coming back?
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "question", "no_order_id"])

# 23
u, o1, o2 = "mei_patel_7272", "#W9583042", "#W4082615"
s = [swap(o1, "Garden Hose", {"length": "50ft"}, free=("color",))]
add(23, u, "Order help", """
I'm Mei Patel, my email is mei.patel3193@example.com. A few things on my two open orders please.
1) Order W9583042 (luggage, dumbbells, perfume, hose): I don't want it on PayPal anymore, charge my Visa instead. After that, the 25 foot hose in it is too short for our yard, make it the 50 foot latex hose, whatever color that comes in, and bill the Visa for the extra.
2) The other order, the one with the electric grill, puzzle, backpack and watch, please cancel the whole thing. I ordered it by mistake.
Thanks!
""", actions=[payment(o1, pm(u, "credit_card")), modify_items(o1, s, pm(u, "credit_card")),
              cancel(o2, "ordered by mistake")],
    tags=["payment", "modify_items", "cancel", "multi"])

# 24
u, o1, o2 = "mason_lopez_5208", "#W3130816", "#W8185761"
ids = item_ids(o2, ("Water Bottle", {"material": "plastic"}), ("Water Bottle", {"material": "glass"}))
add(24, u, "Order help", """
I'm Mason Lopez, zip code 10257. my bookshelf order hasnt shipped yet and I need it to go to Dallas, same place my laptops were delivered to, not New York. also from that laptop delivery I want to send back both water bottles, the plastic one and the glass one, refund to paypal like I paid. how much do I get back for the bottles?
""", actions=[order_address(o1, address_of(o2)), return_items(o2, ids, pm(u, "paypal"))],
    facts=[refund(o2, ids)],
    tags=["address", "return", "multi", "reference", "question", "typos", "no_order_id"])

# 25
u, o1, o2 = "liam_moore_4057", "#W3169501", "#W6908222"
new = address("1187 Neil Avenue", "Apt 4C", "Columbus", "OH", "43201")
s = [swap(o2, "Desk Lamp", {"power source": "USB"})]
add(25, u, "Order help", """
I'm Liam Moore, zip code 43209. I've moved across town. The new address is 1187 Neil Avenue, Apt 4C, Columbus, OH 43201 - please update my account to it, and the order with the air purifier and the bookshelf that hasn't gone out yet should ship there as well. One more thing: the white desk lamp I got runs on batteries and I'm going through them like crazy. Swap it for the same white, high brightness lamp that powers over USB. PayPal for the price difference.
""", actions=[user_address(u, new), order_address(o1, new), exchange(o2, s, pm(u, "paypal"))],
    tags=["user_address", "address", "exchange", "multi", "no_order_id"])

# 26
u, o = "mei_garcia_1676", "#W5767256"
new = address("2250 Riverside Avenue", "Unit 12", "Jacksonville", "FL", "32204")
add(26, u, "Order help", """
Hi, Mei Garcia here (zip 32204). I just moved to 2250 Riverside Avenue, Unit 12, Jacksonville, FL 32204, please put that on my account as my address. I'd also like my hiking boots order to come to the new place. If it's already past the point where you can change where it goes, then forget about the boots, just update the account.
""", actions=[user_address(u, new)], facts=[status_is(o, "processed")],
    tags=["user_address", "refusal", "wrong_state", "conditional", "multi", "no_order_id"])

# 27
u, o = "ava_hernandez_9365", "#W4506173"
add(27, u, "Order help", """
I'm Ava Hernandez, my email is ava.hernandez8232@example.com. Two quick questions, please don't change anything on my account. What's the tracking number for my order with the helmet, sunglasses, wall clock and bookshelf? And I'm thinking of buying a second one of that white glass bookshelf, but a foot taller than the one I got. What does that one cost?
""", facts=[tracking(o), price(o, "Bookshelf", {"height": "5 ft"})],
    tags=["tracking", "info", "question", "multi", "no_order_id"])

# 28
u, o = "amelia_nguyen_5209", "#W9324386"
s = [swap(o, "Headphones", {"color": "black"}), swap(o, "Tablet", {"color": "silver"})]
add(28, u, "Order help", """
hello, this is Amelia Nguyen, zip 94113. About the order that was delivered to Austin. I want to exchange 2 things from it: the blue over ear headphones, I'd like them in black (still over-ear and wireless), and the gold tablet for the silver one, same 7 inch, same 32GB. Luggage stays. Charge my visa for whatever the difference is. thank you
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    tags=["exchange", "reference", "no_order_id"])

# 29
u = "lucas_johnson_2067"
add(29, u, "Order help", """
I'm Lucas Johnson, zip code 98147. This is the third time I'm writing about my espresso machine and every time I get a canned answer back. I am done with the automated replies. Have a real person from customer service call or email me. Do not process any returns or exchanges on my account until I've spoken to someone.
""", disposition="escalate", tags=["handoff", "asks_for_human", "annoyed", "no_order_id"])

# 30
u, o = "fatima_anderson_6252", "#W5666460"
s = [swap(o, "Electric Toothbrush", {"battery type": "rechargeable", "color": "black"})]
add(30, u, "Order help", """
I'm Fatima Anderson, zip code 78773. The electric toothbrush that came with my bookshelf eats AA batteries and I want a rechargeable one. Please exchange it for a rechargeable toothbrush on the high speed setting, in white if you have that; if white isn't possible, then black. Use my Mastercard for any extra cost, not PayPal.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Electric Toothbrush", {"battery type": "rechargeable"}, False)],
    tags=["exchange", "conditional", "no_order_id"])

# 31
u, o = "chen_moore_6080", "#W9205196"
add(31, u, "Order help", """
I'm Chen Moore, zip code 91087. Please cancel #W9205196, the 17 inch laptop. I ordered it by mistake, I meant to get a different model and I'll reorder myself. How much will be refunded, and how long until it's back on my card?
""", actions=[cancel(o, "ordered by mistake")],
    facts=[total(o), policy("5 to 7 business days")],
    tags=["cancel", "question", "policy"])

# 32
u, o = "harper_kim_9968", "#W5386730"
new = address("77 Lincoln Avenue", "Apt 2", "San Jose", "CA", "95125")
s = [swap(o, "Backpack", {"size": "medium"}, free=("material",))]
add(32, u, "Order help", """
Harper Kim, zip 95119. My backpack order is still pending. Can you send it to my sister's instead: 77 Lincoln Avenue, Apt 2, San Jose, CA 95125. Also the small one wont fit my laptop, so change it to one size up, still grey and with the laptop compartment, I don't care what material. Any extra comes off my gift card.
""", actions=[order_address(o, new), modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "typos", "no_order_id"])

# 33
u, o1, o2 = "daiki_moore_8567", "#W7766102", "#W8032761"
ids = item_ids(o1, "9844888101")
s = [swap(o2, "Mechanical Keyboard", {"switch type": "clicky"})]
add(33, u, "Order help", """
I'm Daiki Moore, zip code 85078. The order that went to Charlotte had two laptops in it, I only need one. Return the cheaper of the two and keep the other. Then in the order with the black backpack, the keyboard has linear switches and I really wanted clicky ones: exchange it for the clicky version, same RGB and same 80% size. My gift card handles both the refund and the extra for the keyboard. How much is the laptop refund?
""", actions=[return_items(o1, ids, pm(u, "gift_card")), exchange(o2, s, pm(u, "gift_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "exchange", "multi", "reference", "question", "no_order_id"])

# 34
u = "chen_smith_8425"
add(34, u, "Order help", """
I'm Chen Smith, zip code 32278. My order with the two security cameras, keyboard and earbuds was cancelled and I've been going back and forth about it with your emails for a while. I'd like this handed to a human agent, please, not another automated answer. Thanks.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 35
u, o = "isabella_smith_8805", "#W6686344"
add(35, u, "Order help", """
I'm Isabella Smith, zip code 19152. Please cancel my order with the black sunglasses and the yellow running shoes, I don't need them anymore. The money should go back to my gift card.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 36
u, o = "aarav_nguyen_7344", "#W2443586"
s = [swap(o, "Hiking Boots", {"size": "8"}),
     swap(o, "Mechanical Keyboard", {"switch type": "tactile"})]
add(36, u, "Order help", """
I'm Aarav Nguyen, zip code 75268. For the pending order with the garden hose: the hiking boots in it should be size 8, not 7 (same synthetic, non-waterproof). And the keyboard: if you have that same 60% RGB keyboard with tactile switches, change it to tactile; if you don't, leave the keyboard as is. Send any refund or charge through PayPal. What's the net difference?
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Mechanical Keyboard", {"switch type": "tactile"}, True), difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 37
u, o1, o2 = "evelyn_wilson_8460", "#W7381650", "#W8042635"
s = [swap(o2, "Fleece Jacket", {"size": "L", "color": "black"})]
add(37, u, "Order help", """
I'm Evelyn Wilson, my email is evelyn.wilson8748@example.com. Please cancel order #W7381650 (tablet, robot vacuum, air purifier and clock), I no longer need it. And the navy fleece from my delivery with the wristwatch runs big: I'd like to exchange it for a size L, full zip. L only seems to come in black, that's okay. Pay the difference from my gift card.
""", actions=[cancel(o1, "no longer needed"), exchange(o2, s, pm(u, "gift_card"))],
    tags=["cancel", "exchange", "multi"])

# 38
u, o = "yusuf_garcia_5427", "#W5763385"
add(38, u, "Order help", """
I'm Yusuf Garcia, zip code 10155. want to return the black bike helmet from my order #W5763385, it's to small. keeping the espresso machine. refund on my gift card pls
""", actions=[return_items(o, item_ids(o, "Cycling Helmet"), pm(u, "gift_card"))],
    tags=["return", "typos"])

# 39
u, o = "mohamed_jackson_1549", "#W3504981"
s = [swap(o, "Tablet", {"color": "gold"}), swap(o, "Electric Kettle", {"capacity": "1.5L"})]
add(39, u, "Order help", """
I'm Mohamed Jackson, zip code 75374. Honestly a bit annoyed, I clearly picked gold and you sent a silver tablet. Exchange it for the gold one, same 7 inch 32GB. While you're at it, the white kettle from the same order is too small for us, I want the 1.5 liter one, still white plastic. Refund whatever is owed to my Mastercard. Don't touch the thermostat or the puzzle.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    tags=["exchange", "annoyed", "no_order_id"])

# 40
u, o1, o2 = "sophia_thomas_5301", "#W4862767", "#W1867876"
s = [swap(o1, "Office Chair", {"color": "black", "armrest": "adjustable"},
          where={"material": "leather"})]
ids = all_items(o2, "Vacuum Cleaner", "Backpack")
add(40, u, "Order help", """
I'm Sophia Thomas, zip code 75396. My pending order W4862767 is on PayPal, move it to my Visa please. In that same order there are two office chairs: the grey leather one should be changed to black leather with adjustable arms, keeping the high back. The blue fabric chair stays as is. Visa pays the difference. Last, from the order I got with the vacuum, I'm returning everything except the vacuum and the backpack. Put that refund on my gift card.
""", actions=[payment(o1, pm(u, "credit_card", brand="visa")),
              modify_items(o1, s, pm(u, "credit_card", brand="visa")),
              return_items(o2, ids, pm(u, "gift_card"))],
    tags=["payment", "modify_items", "return", "multi", "exclusion"])
