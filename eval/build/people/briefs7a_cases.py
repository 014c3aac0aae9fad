"""people_briefs7 (part a, cases 1-18): e-mails written by hand in the style of tau-bench's
retail task briefs turned into a first-person customer e-mail, in the voice of customers who
write at length, with context and a small story (see the README for the split and pool rules).

Each e-mail was written one at a time after reading that user's orders and the products'
variants in data/retail: several requests in one text, conditionals decided by the store,
references to other orders and to the account, exclusions, questions whose answer is a store
fact, a handoff and a request in the wrong state. No text is taken from tau-bench or from the
other sets.

Case n is the n-th user of the `briefs7a` pool of `build.py`.

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address_of, all_items, available, brief_adder, cancel,  # noqa: F401
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, paid_with, payment, pm, refund, return_items, swap,
                    total, tracking, user_address)

CASES = []

add = brief_adder("people-briefs7", CASES)


# 1
u, o = "lei_khan_6353", "#W2787996"
s = [swap(o, "T-Shirt", {"color": "black"})]
add(1, u, "Order help", """
I'm Lei Khan, zip code 92182. My mother-in-law saw me in the red tee I bought from you and told me, very kindly, that red is not my colour, and I have to admit she has a point. I'd like to swap it for black, keeping everything else the same: XXL, cotton, crew neck. Take whatever extra that costs from my gift card, and tell me how much it was.
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 2
u, o1, o2 = "aarav_santos_4279", "#W8309293", "#W6111820"
ids = all_items(o1, "Smartphone")
s = [swap(o2, "Hiking Boots", {"size": "9"})]
add(2, u, "Order help", """
I'm Aarav Santos, my email is aarav.santos2789@example.com. I'm moving into a much smaller flat next month and have been clearing things out, so from the big delivery that came with my phone I'm sending back everything apart from the phone itself. That means the keyboard, the cologne, the dumbbells and the little security camera can all go back, with the refund to my Visa, and I'd like to know what that refund adds up to. Separately, in the order you haven't shipped yet there are leather hiking boots in an 8; I tried on my brother's pair and an 8 is clearly too tight for me. Please make them a 9, still leather and waterproof, and put any difference on the same Visa. Nothing else in that order needs to change.
""", actions=[return_items(o1, ids, pm(u, "credit_card")),
              modify_items(o2, s, pm(u, "credit_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "modify_items", "multi", "exclusion", "question", "no_order_id"])

# 3
u, o = "fatima_wilson_7472", "#W5272531"
s = [swap(o, "Hiking Boots", {"size": "11"})]
add(3, u, "Order help", """
I'm Fatima Wilson, zip code 92183. In my last big delivery, the one with the espresso machine and the two toothbrushes, there was a pair of leather walking boots in size 10, and after a single weekend on the hills my toes were black and blue. If you have that same waterproof leather boot in an 11, please exchange mine for it. If the 11 is out of stock, I'd rather simply send the boots back for a refund. In both cases the money should go through my Visa.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Hiking Boots", {"size": "11"}, True)],
    tags=["exchange", "conditional", "no_order_id"])

# 4
u, o1, o2 = "emma_smith_8564", "#W2417020", "#W3614011"
add(4, u, "Order help", """
I'm Emma Smith, zip code 10192. My company has just handed me a work laptop, which means the space grey laptop I ordered from you and am still waiting on is no longer needed. Please cancel that order and let me know exactly how much will be refunded. My other open order, with the action camera, the air purifier and the grey trainers, was put on my gift card, but I'd now like it charged to my PayPal instead so I can keep the card for something else.
""", actions=[cancel(o1, "no longer needed"), payment(o2, pm(u, "paypal"))],
    facts=[total(o1)],
    tags=["cancel", "payment", "multi", "question", "no_order_id"])

# 5
u, o = "raj_ito_1740", "#W2053532"
add(5, u, "Order help", """
I'm Raj Ito, my email is raj.ito2921@example.com. Last month I was staying in my cousin house in Houston and I had one order delivered to there. The laptop from that order I am using every day, so I keep it. But the rest of that parcel I want to return, because my cousin gave me his old camera and I don't need two of them. Please make the refund to my Visa card, the one I paid with.
""", actions=[return_items(o, all_items(o, "Laptop"), paid_with(o))],
    tags=["return", "exclusion", "reference", "no_order_id"])

# 6
u, o, other = "mohamed_lee_5442", "#W6302827", "#W7913362"
s = [swap(o, "Hiking Boots", {"material": "leather", "waterproof": "yes"})]
add(6, u, "Order help", """
I'm Mohamed Lee, zip code 75372. I'm spending the next couple of months at my sister's in Charlotte, which is where you delivered my two backpacks earlier this year. The order with the boots, the power bank and the bike helmet hasn't gone out yet, so please ship it to that same Charlotte address rather than Dallas. While it's still open, I also want the boots to be the waterproof leather version in the same size 12, not the synthetic ones, because she lives right next to some very muddy trails. Any difference in price goes on my Visa.
""", actions=[order_address(o, address_of(other)),
              modify_items(o, s, pm(u, "credit_card"))],
    tags=["address", "modify_items", "multi", "reference", "no_order_id"])

# 7
u, o = "fatima_nguyen_7539", "#W2904339"
add(7, u, "Order help", """
I'm Fatima Nguyen, my email is fatima.nguyen1348@example.com. Something went wrong with my basket last week: I only meant to save the tablet, the suitcases and the other bits for later, and somehow the whole lot got ordered. It's order #W2904339 and it was ordered by mistake, so I'd like it cancelled in full. How much will come back to my PayPal?
""", actions=[cancel(o, "ordered by mistake")], facts=[total(o)],
    tags=["cancel", "question"])

# 8
u, o = "sofia_kovacs_7075", "#W9869592"
s = [swap(o, "Skateboard", {"length": "28 inch"}, where={"deck material": "plastic"}),
     swap(o, "Sunglasses", {"lens color": "brown"}),
     swap(o, "Water Bottle", {"capacity": "1000ml"})]
add(8, u, "Order help", """
I'm Sofia Kovacs, zip code 19049. Good afternoon. My son is nine, and the man at our local skate park told us the long board I picked out would be too much for him, so on my open order with the two skateboards and the sunglasses, please make the plastic board the 28-inch length instead of 34, still plain plastic. The maple board stays exactly as it is. I've also changed my mind about the sunglasses: brown lenses rather than green, with the same black plastic polarized frame. And the black steel water bottle should be the bigger one-litre size, same black steel. That is the full list of changes, and any difference can be settled through my PayPal.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    tags=["modify_items", "no_order_id"])

# 9
u, o = "isabella_johnson_6293", "#W3431083"
add(9, u, "Order help", """
I'm Isabella Johnson, zip code 98119. I moved from Seattle to Denver this spring, and although my last order already went to the new place, my account still shows the old Seattle address. Could you change my default address to the one that order was shipped to? From that same order I want to return the white wireless earbuds; they keep slipping out of my ears whenever I go running. Please put that refund on my gift card rather than PayPal.
""", actions=[return_items(o, item_ids(o, "Wireless Earbuds"), pm(u, "gift_card")),
              user_address(u, address_of(o))],
    tags=["return", "user_address", "multi", "reference", "no_order_id"])

# 10
u, o1, o2 = "yusuf_rossi_9620", "#W6247578", "#W2378156"
ids = all_items(o2, "Smart Watch")
add(10, u, "Order help", """
I'm Yusuf Rossi, my email is yusuf.rossi7301@example.com. I have two things to sort out. The order that has nothing in it but one black t-shirt was ordered by mistake: I meant to get it for my nephew, and it turns out he already has one, so please cancel it. Then there's the delivery with the headphones, the robot vacuum and a few other gadgets. I'm returning all of it except the gold smart watch, which I'm keeping, and the refund should go to my Mastercard. What will the total be for that return?
""", actions=[cancel(o1, "ordered by mistake"), return_items(o2, ids, pm(u, "credit_card"))],
    facts=[refund(o2, ids)],
    tags=["cancel", "return", "multi", "exclusion", "question", "no_order_id"])

# 11
u, o = "yusuf_moore_6437", "#W8295890"
s = [swap(o, "E-Reader", {"screen size": "8-inch", "connectivity": "Wi-Fi"})]
add(11, u, "Order help", """
I'm Yusuf Moore, zip code 10144. I do most of my reading on the train to work, and the 7-inch e-reader you sent me turns out to be a little small for my eyes after a long day. So I'd like to exchange it for an 8-inch one. If the 8-inch comes with the same cellular connection and the same 32GB, that is the one I want. If it does not, then the 8-inch with plain Wi-Fi and 32GB will do. Use my PayPal for the difference, whichever way it goes, and tell me the amount.
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "E-Reader", {"screen size": "8-inch"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 12
u, o1, o2 = "sofia_hernandez_5364", "#W3561391", "#W9609649"
add(12, u, "Order help", """
I'm Sofia Hernandez, my email is sofia.hernandez3039@example.com. Our building has just banned propane on the balconies, which rather ruins the little portable gas grill I ordered and am still waiting for. My plan is to use it at my parents' lake cabin instead, where a big one would suit better: if you have the large gas grill with the rotisserie, please change my grill to that, with any difference on my Visa. If that one isn't available, cancel the grill order altogether, as I'll no longer need it. Also, could you give me the tracking number for the parcel with the e-reader and the two tees?
""", actions=[cancel(o1, "no longer needed")],
    facts=[available(o1, "Grill", {"size": "large", "features": "rotisserie"}, False),
           tracking(o2)],
    tags=["cancel", "conditional", "question", "tracking", "multi", "no_order_id"])

# 13
u = "liam_johnson_5676"
add(13, u, "Order help", """
I'm Liam Johnson, zip code 46244. This is about the robot vacuum from my last delivery. On its very first afternoon it dragged something across our oak floor and left long scratches through the living room, and the flooring company is quoting several hundred dollars to sand them out. I am not after a return or an exchange by e-mail. I want one of your staff, a real person and ideally a supervisor, to phone me and deal with the damage to my floor, so please pass this on.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 14
u, o1, o2 = "ethan_santos_6104", "#W5320242", "#W4642822"
add(14, u, "Order help", """
I'm Ethan Santos, zip code 80278. My order with the luggage, the tablet and the rest is still set to go to my old flat in San Jose, but I moved to Denver over the summer. Could you redirect it to wherever my other unshipped order, the pet bed and office chair, is headed? And for that pet bed order I'd like to pay with PayPal instead of my Mastercard, since the card is about to expire.
""", actions=[order_address(o1, address_of(o2)), payment(o2, pm(u, "paypal"))],
    tags=["address", "payment", "multi", "reference", "no_order_id"])

# 15
u, o = "mei_hernandez_3296", "#W3864587"
s = [swap(o, "Mechanical Keyboard", {"switch type": "tactile"})]
add(15, u, "Order help", """
I'm Mei Hernandez, zip code 75237. The keyboard I received is too loud, my roommate complain every night about the clicking sound. I want exchange it for a quieter one with tactile switch, still the 80% size and the white light. Please refund any difference back to PayPal and tell me how much it is. Also I am living in Washington now, at the address where this order was delivered, so please make that one my default address in the account.
""", actions=[exchange(o, s, pm(u, "paypal")), user_address(u, address_of(o))],
    facts=[difference(o, s)],
    tags=["exchange", "user_address", "multi", "question", "reference", "no_order_id"])

# 16
u, o1, o2 = "ivan_hernandez_6923", "#W5838674", "#W4284542"
ids = item_ids(o1, "Wall Clock", "Desk Lamp")
s = [swap(o2, "Bluetooth Speaker", {"battery life": "20 hours"})]
add(16, u, "Order help", """
I'm Ivan Hernandez, my email is ivan.hernandez1120@example.com. My open order with the phone, the speaker and the air purifier is going to a Dallas address I used for a job that fell through, so please have it shipped to my home address that's on my account. About the speaker in that order: red is fine, but I'd like the one with the 20-hour battery instead of 10 hours, still not water resistant, and any money back goes to my Mastercard. Lastly, from the big order that came with the laptop, I'm returning the wooden wall clock and the silver desk lamp. Refund those two to my gift card and let me know how much that comes to.
""", actions=[order_address(o2, default_address(u)),
              modify_items(o2, s, pm(u, "credit_card")),
              return_items(o1, ids, pm(u, "gift_card"))],
    facts=[refund(o1, ids)],
    tags=["address", "modify_items", "return", "multi", "question", "reference",
          "no_order_id"])

# 17
u = "noah_li_2316"
add(17, u, "Order help", """
I'm Noah Li, zip code 19019. I bought a bike helmet, a makeup kit, a gold watch and an action camera as birthday presents, all in one order, but the party has been called off. Please cancel that order since I no longer need any of it, and put the money back on my Visa.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 18
u, o = "olivia_sanchez_2914", "#W5101035"
s = [swap(o, "Electric Toothbrush", {"battery type": "rechargeable"})]
add(18, u, "Order help", """
I'm Olivia Sanchez, zip code 19116. I've only just noticed that the electric toothbrush I ordered is heading to my old flat in Washington, so could you redirect it to my current home, the address on my account? Whilst you're at it, I'd much rather have the rechargeable version than one that eats AA batteries; keep it black with the high speed setting. Any difference should be refunded to PayPal, and do let me know what it comes to.
""", actions=[order_address(o, default_address(u)),
              modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "question", "reference", "no_order_id"])
