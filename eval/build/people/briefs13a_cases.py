"""people_briefs13 (ids 1-18): e-mails written by hand, one writer, one e-mail per user of the
first half of the `briefs13` pool of build.py (case n is the pool's n-th user).

Written after reading only that user's profile and orders and the products' variants in
data/retail, policy.md, labels.py and build.py. The style is the short e-mail typed on a phone
between two other things: two to five sentences, often no greeting, items named by a word or
two ("the keyboard", "the small pet bed"), options as people say them ("no backlight", "the 28
inch"), orders described by what is in them or by their state rather than by id, some lower
case and the odd typo. The mix: cancellations, item changes of pending orders, exchanges,
returns (one "everything except"), order and account address changes, payment changes,
questions whose answer is a store figure, several requests in one e-mail, conditionals the
store decides, references through the store, and two e-mails where nothing may be written.
No text is taken from tau-bench or from the other sets.
"""
from labels import (address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []


add = brief_adder("people-briefs13", CASES)


# 1
u, o = "aarav_wilson_9535", "#W1046662"
s = [swap(o, "Pet Bed", {"color": "grey"}, where={"size": "small"}),
     swap(o, "Water Bottle", {"color": "green"})]
add(1, u, "change to my order", """
hey, on the order that hasnt shipped yet - the small pet bed, can it be grey instead of beige (still fleece). and the glass water bottle in green instead of black. thats all I want changed. refund whatever the difference is to my gift card and tell me how much it comes to

Aarav Wilson 28214
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 2
u, o = "fatima_moore_8152", "#W9172475"
ids = all_items(o, "Tablet")
add(2, u, "Return", """
Fatima Moore, zip 77122. I want to send back everything from my last delivery except the tablet, the tablet I'm keeping. Refund to my PayPal. What's the total I'll get back?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 3
u, o = "raj_li_8594", "#W8935389"
add(3, u, "cancel", """
Need to cancel my order with the espresso machine and the tablet, don't need it anymore. If it's too late for that, just send me the tracking number so I can see where it is.
Raj Li, 20369
""", facts=[status_is(o, "processed"), tracking(o)],
    tags=["conditional", "tracking", "question", "no_order_id"])

# 4
u, o, old = "mei_ahmed_5058", "#W2631563", "#W9931224"
s = [swap(o, "Smart Thermostat", {"compatibility": "Amazon Alexa"})]
add(4, u, "pending order", """
Can my pending order (thermostat + hose) go to Dallas instead? Same address my cancelled skateboard order was going to. Also I need the thermostat for alexa not google, same stainless steel color. Any extra goes on paypal - how much is it?
mei ahmed 43197
""", actions=[order_address(o, address_of(old)), modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "reference", "question", "no_order_id"])

# 5
u, o = "isabella_gonzalez_4546", "#W1258841"
card = pm(u, "credit_card", brand="mastercard")
s = [swap(o, "Luggage Set", {"color": "red"})]
add(5, u, "Skateboard/luggage order", """
Hi, Isabella Gonzalez (Fort Worth, 76151). For my order with the skateboard and the luggage, please charge my Mastercard instead of the Visa. Also if the luggage set comes in red, same 2 piece hardshell, switch it to red and put the difference on the Mastercard too. If not, leave it silver.
""", actions=[payment(o, card), modify_items(o, s, card)],
    facts=[available(o, "Luggage Set", {"color": "red"}, True)],
    tags=["payment", "modify_items", "conditional", "multi", "no_order_id"])

# 6
u, o = "aarav_garcia_9402", "#W3038897"
s = [swap(o, "Skateboard", {"length": "28 inch"})]
add(6, u, "skateboard too long", """
the skateboard that came with my phone is too long for my kid. can i swap it for the 28 inch, same plain plastic one? refund the difference to my card, how much is that

- Aarav Garcia, NY 10129
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 7
u = "juan_rossi_6696"
add(7, u, "gift card", """
How much is left on my gift card? If its enough to cover my garden hose order, move that order's payment over to the gift card. Otherwise just keep it on the mastercard, no problem. Juan Rossi 77209
""", facts=[balance(u, pm(u, "gift_card"))],
    tags=["question", "no_order_id"])

# 8
u, o1, o2 = "lucas_muller_4380", "#W3206099", "#W1523776"
s = [swap(o2, "Smart Thermostat", {"color": "black"})]
add(8, u, "two things", """
Lucas Muller, 78763. please cancel the order with the dumbbells and gaming mouse, I ordered it by mistake. what do i get back on my gift card? Also the white thermostat I got, I want to exchange it for the black one (still alexa). any difference to the gift card
""", actions=[cancel(o1, "ordered by mistake"), exchange(o2, s, pm(u, "gift_card"))],
    facts=[total(o1)], tags=["cancel", "exchange", "multi", "question", "no_order_id"])

# 9
u = "daiki_davis_5031"
add(9, u, "boots exchange", """
the hiking boots are too big. can i exchange them for size 11, same leather waterproof ones? put any price difference on my gift card, thats the only thing i pay with.
Daiki Davis, San Francisco 94102
""", tags=["refusal", "no_order_id"])

# 10
u, o = "juan_santos_1448", "#W2582045"
s = [swap(o, "Air Purifier", {"filter type": "HEPA"})]
add(10, u, "address + purifier", """
I moved back to Phoenix, please change the address on my account to the one my air purifier was delivered to. And that purifier - I'd like to exchange it for the HEPA filter version, still small room and quiet. Refund the difference to my gift card.
Thanks, Juan Santos (zip on the account is 28258)
""", actions=[user_address(u, address_of(o)), exchange(o, s, pm(u, "gift_card"))],
    tags=["user_address", "exchange", "multi", "reference", "no_order_id"])

# 11
u, o = "olivia_lopez_9494", "#W8955613"
add(11, u, "wrong address!!", """
hi this is olivia lopez, 92107. my order with the smart watch and backpack is set to ship to houston, thats wrong, send it home to san diego instead, the address on my account. and charge my mastercard for it instead of the gift card pls
""", actions=[order_address(o, default_address(u)),
              payment(o, pm(u, "credit_card", brand="mastercard"))],
    tags=["address", "payment", "multi", "no_order_id"])

# 12
u, o = "lucas_martin_4549", "#W9318778"
s = [swap(o, "Mechanical Keyboard", {"backlight": "none"}),
     swap(o, "Air Purifier", {"filter type": "HEPA"}, where={"room size": "small"})]
add(12, u, "before it ships", """
Two changes to my order with the bike before it ships: the keyboard with no backlight instead of white (still clicky, full size), and the small air purifier with a HEPA filter instead of ionic. Nothing else. Difference goes on my mastercard. Is it more or less and by how much?
Lucas Martin 20517
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 13
u, o1, o2 = "anya_patel_3710", "#W4604258", "#W6131421"
add(13, u, "Cancel + return", """
Anya Patel, Houston 77256. Please cancel my order that's still pending (the bookshelf, kettles, boots etc), no longer needed, we're moving. How much is refunded? Also want to return the makeup kit I bought on its own, refund that to my gift card please.
""", actions=[cancel(o1, "no longer needed"),
              return_items(o2, item_ids(o2, "Makeup Kit"), pm(u, "gift_card"))],
    facts=[total(o1)], tags=["cancel", "return", "multi", "question", "no_order_id"])

# 14
u = "james_li_5688"
add(14, u, "cancel order", """
pls cancel the order with the office chair and water bottle, ordered it by mistake. james li 10083
""", tags=["refusal", "wrong_state", "no_order_id"])

# 15
u, o = "aarav_moore_6923", "#W2842410"
ids = item_ids(o, "Notebook", "Bluetooth Speaker")
add(15, u, "returns", """
Returning both notebooks and the green speaker from the order that had the pet bed and the phone. Money back to paypal. How much will that be?
Aarav Moore, 85041
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "question", "no_order_id"])

# 16
u, o_dallas, o_big = "anya_brown_2024", "#W8883368", "#W1170711"
add(16, u, "my orders", """
Anya Brown, zip 10121. My order with the e-reader and smart watch is going to an old Dallas address, please send it to my home address in New York instead. And of the two other orders that haven't shipped, cancel the more expensive one, I ordered it by mistake.
""", actions=[order_address(o_dallas, default_address(u)), cancel(o_big, "ordered by mistake")],
    tags=["address", "cancel", "multi", "reference", "no_order_id"])

# 17
u, o = "raj_kovacs_9155", "#W8595443"
s = [swap(o, "Mechanical Keyboard", {"backlight": "none"})]
add(17, u, "keyboard", """
The keyboard I got - I'd like to exchange it for one without the backlight, same clicky full size. Use my gift card for the difference, how much extra is it? Raj Kovacs 19104
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 18
u, o = "yusuf_jackson_7865", "#W2087737"
add(18, u, "phone order", """
Yusuf Jackson, 98127. The phone order that hasn't shipped: if the smart watch in it comes in silver with the same silicone band, swap it to silver and put any difference on my paypal. If not, cancel the whole order, no longer needed.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Smart Watch", {"color": "silver"}, False)],
    tags=["conditional", "cancel", "no_order_id"])
