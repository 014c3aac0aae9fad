"""people_briefs9, cases 1-18: e-mails written by hand (by the first of the two writers of this
set) in the style of tau-bench's retail task briefs, turned into the customer's own
first-person e-mail ("I'm <full name>, zip code <zip>. ...").

The customers have several orders and write about them together; persona remarks and
simulator directions are left in the first person. Most e-mails name no order id and point at
orders, items and addresses through the store instead (the other order's address, the pricier
of two orders, the same item in another option, everything in an order but one item), and a few
requests are conditional on what the store says. Each e-mail was written after reading that
user's profile, orders and the products' variants in data/retail; every id, variant and figure
in a label comes from the helpers of labels.py. No text is taken from tau-bench or from the
other sets.

Case n is the n-th user of the `briefs9a` pool of `build.py` (the first half of `briefs9`).

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address_of, all_items, available, brief_adder, cancel, default_address,
                    difference, exchange, item_ids, modify_items, order_address, payment, pm,
                    refund, return_items, status_is, swap, total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs9", CASES)


# 1
u, o1, o2 = "aarav_wilson_9535", "#W7553778", "#W1046662"
s1 = [swap(o1, "Wristwatch", {"strap material": "leather"})]
s2 = [swap(o2, "Pet Bed", {"color": "grey"}, where={"size": "small"})]
add(1, u, "Order help", """
I'm Aarav Wilson, zip code 28214. I have two things and I'd like both handled together.

The wristwatch that was delivered to me in Houston has a silicone strap, and it gives me a rash. I want to swap it for the leather strap version, with the black face it already has.

Then, in my order that hasn't gone out yet, there are two beige fleece pet beds. The small one should be grey instead, still small and still fleece. Leave the large one exactly as it is.

My gift card is the only thing I pay with, so any money goes to or from that. For each of the two changes, tell me how much will come back to the card. If the agent asks whether there's anything else, there isn't.
""", actions=[exchange(o1, s1, pm(u, "gift_card")), modify_items(o2, s2, pm(u, "gift_card"))],
    facts=[difference(o1, s1), difference(o2, s2)],
    tags=["exchange", "modify_items", "multi", "question", "no_order_id"])

# 2
u, o = "fatima_moore_8152", "#W9172475"
ids = all_items(o, "Tablet")
add(2, u, "Order help", """
I'm Fatima Moore, zip code 77122. My delivery with the tablet, the dumbbells and the tea kettle arrived a while ago. I'm keeping the gold tablet, but the other two are going back: the dumbbells were for my brother, who has since bought his own, and the kettle doesn't work on my stove. Put the refund on my PayPal. Before I ship them off, what's the total I'll be refunded?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 3
u = "raj_li_8594"
add(3, u, "Order help", """
I'm Raj Li, zip code 20369.

Regarding my recent order (tablet, espresso machine, kettle, thermostat): I realised the white thermostat will look odd on my dark wall. Please change it to the black one, still Google Assistant, and charge any difference to my Visa.

If the agent tells me it's too late to change anything on that order, I'll accept that and keep the white one; I don't want the order cancelled over this.
""", disposition="either",
    tags=["refusal", "wrong_state", "no_order_id"])

# 4
u, o, other = "mei_ahmed_5058", "#W2631563", "#W9931224"
s = [swap(o, "Smart Thermostat", {"color": "black"})]
add(4, u, "Order help", """
I'm Mei Ahmed, zip code 43197. I'm going to be in Dallas for a few months looking after my mother, so my open order with the thermostat and the garden hose shouldn't go to Columbus. Ship it to the same Dallas address my cancelled order was supposed to go to.

While you're in there: I chose the stainless steel thermostat, but I'd prefer it in black. It should stay the Google Assistant model. Charge the difference to PayPal and let me know what the difference comes to. The hose stays as is.
""", actions=[order_address(o, address_of(other)), modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["address", "modify_items", "multi", "reference", "question", "no_order_id"])

# 5
u, o = "isabella_gonzalez_4546", "#W1258841"
add(5, u, "Order help", """
Hi, I'm Isabella Gonzalez, zip 76151. Short one: the order with my skateboard, notebook and the silver suitcase set went on my Visa, but I meant to use my Mastercard. Please move the payment over to the Mastercard (it ends in 9364). No other changes to the order.
""", actions=[payment(o, pm(u, "credit_card", brand="mastercard"))],
    tags=["payment", "no_order_id"])

# 6
u, o1, o2 = "aarav_garcia_9402", "#W3038897", "#W7821216"
ids = all_items(o1, "Smartphone")
s = [swap(o2, "Electric Kettle", {"color": "black"})]
add(6, u, "Order help", """
I'm Aarav Garcia, zip code 10129. I've got two deliveries to sort out.

From the one that had my new gold phone in it, I'm only keeping the phone. The rest of that box goes back.

From the one with the espresso machine and the coffee maker, the silver electric kettle clashes with everything in my kitchen. I'd like the same kettle, same size and still plastic, just in black.

Use my Mastercard for the refund and for any difference on the kettle. I'd also like to know how much the return will refund me. I'm not very technical, so please keep the explanation simple.
""", actions=[return_items(o1, ids, pm(u, "credit_card")),
              exchange(o2, s, pm(u, "credit_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "exchange", "multi", "exclusion", "reference", "question", "no_order_id"])

# 7
u, o = "juan_rossi_6696", "#W7602708"
add(7, u, "Order help", """
I'm Juan Rossi, zip code 77209. The garden hose I ordered is the 25 ft green vinyl one and it won't reach the back of my yard. If you have that same hose, green vinyl, in 50 ft, switch my order to it and charge my Mastercard for any difference. If you don't have it, cancel the order altogether, I ordered it by mistake, and tell me how much I'll get back. Don't use my gift card for anything.
""", actions=[cancel(o, "ordered by mistake")],
    facts=[available(o, "Garden Hose", {"length": "50ft"}, False), total(o)],
    tags=["cancel", "conditional", "question", "no_order_id"])

# 8
u, o1, o2 = "lucas_muller_4380", "#W3206099", "#W1523776"
add(8, u, "Order help", """
I'm Lucas Muller, zip code 78763. I've decided to join a gym instead of training at home, so if my order with the iron dumbbells and the gaming mouse hasn't shipped yet, please cancel it; I no longer need it. If it's already on its way, just leave it and I'll deal with it later.

Separately, the white Alexa thermostat from my delivery with the makeup kit doesn't fit my wiring. I'd like to return it, with the money back on my gift card.
""", actions=[cancel(o1, "no longer needed"),
              return_items(o2, item_ids(o2, "Smart Thermostat"), pm(u, "gift_card"))],
    facts=[status_is(o1, "pending")],
    tags=["cancel", "return", "multi", "conditional", "no_order_id"])

# 9
u, o = "daiki_davis_5031", "#W5457973"
s = [swap(o, "Indoor Security Camera", {"resolution": "4K", "field of view": "130 degrees"})]
add(9, u, "Order help", """
I'm Daiki Davis, zip code 94102. The indoor security camera from my delivery with the espresso machine and the hiking boots is 1080p and the picture is too grainy for what I need. I'd like to exchange it.

My first choice would be the same camera in 2K, keeping the 160 degree view. If you don't have that, I'll take the 4K one with the 130 degree view. Either way it has to stay wired (Ethernet), my Wi-Fi doesn't reach that room.

The difference goes on my gift card. I'm a bit anxious about money at the moment, so tell me whether I get something back or owe something.
""", actions=[exchange(o, s, pm(u, "gift_card"))],
    facts=[available(o, "Indoor Security Camera", {"resolution": "2K"}, False), difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 10
u, o = "juan_santos_1448", "#W2582045"
add(10, u, "Order help", """
I'm Juan Santos, zip code 28258. I've moved out of Charlotte for good. Please change the default address on my account to the Phoenix address my air purifier was delivered to; that's where I live now.

Also, I'm filling in a warranty form for that air purifier and it asks for the shipment's tracking number. Could you send it to me?
""", actions=[user_address(u, address_of(o))], facts=[tracking(o)],
    tags=["user_address", "tracking", "multi", "reference", "question", "no_order_id"])

# 11
u, o = "olivia_lopez_9494", "#W8955613"
add(11, u, "Order help", """
I'm Olivia Lopez, zip code 92107. My order with the gold smart watch and the grey backpack is still waiting to ship and it's set to go to Houston, where I used to work. Please send it to my home address in San Diego, the one on my account, instead.

And I've changed my mind about paying for that order with my gift card. Put it on my Mastercard and leave the gift card balance alone.

If the agent asks for anything beyond that, tell them those are the only two changes.
""", actions=[order_address(o, default_address(u)),
              payment(o, pm(u, "credit_card"))],
    tags=["address", "payment", "multi", "reference", "no_order_id"])

# 12
u, o = "lucas_martin_4549", "#W9318778"
s = [swap(o, "Air Purifier", {"features": "night mode"}, where={"room size": "medium"}),
     swap(o, "Mechanical Keyboard", {"backlight": "none"})]
add(12, u, "Order help", """
I'm Lucas Martin, zip code 20517. I want to change two items in my order with the mountain bike, the one that hasn't shipped, and this is the complete list:

- of the two air purifiers in it, the cheaper one: I want it with night mode instead of quiet operation, same room size and same filter;
- the keyboard: I'd like it without any backlight, still clicky and full size.

If you don't carry that keyboard without a backlight, then leave the keyboard alone and only change the air purifier. Put the price difference on my Mastercard, not the gift card, and tell me what it comes to.
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Mechanical Keyboard", {"backlight": "none"}, True), difference(o, s)],
    tags=["modify_items", "reference", "conditional", "question", "no_order_id"])

# 13
u, o1, o2 = "anya_patel_3710", "#W6174054", "#W6131421"
s = [swap(o1, "Fleece Jacket", {"zipper": "full"})]
add(13, u, "Order help", """
I'm Anya Patel, zip code 77256. The navy fleece jacket that came with my vacuum and my dumbbells is the half-zip kind and I can never get it over my head. I'd like the same jacket, same XL and same navy, with a full-length zipper. My gift card can cover any difference; please tell me what that difference is.

Also, the package with the makeup kit on its own: what is its tracking number? I want to check something with the carrier.

I'm usually pretty patient, but I've been putting this off for weeks, so please get it right the first time.
""", actions=[exchange(o1, s, pm(u, "gift_card"))], facts=[difference(o1, s), tracking(o2)],
    tags=["exchange", "tracking", "multi", "question", "no_order_id"])

# 14
u = "james_li_5688"
add(14, u, "Order help", """
I'm James Li, zip code 10083. I have a large gas grill coming to my apartment building, and the building only lets deliveries of that size through the freight entrance on weekday mornings. I need to talk this through with an actual human at your company, not an automated assistant. Please pass me on to a real person; I won't go over the details with anyone else.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 15
u, o = "aarav_moore_6923", "#W2842410"
ids = all_items(o, "Smartphone", "Pet Bed")
add(15, u, "Order help", """
I'm Aarav Moore, zip code 85041. I'm a man of routine and I don't like clutter. From my delivery with the rose gold phone, I want to send back everything except the phone and the brown pet bed; the dog actually likes the bed. That means both of the notebooks and the green speaker. Refund to my PayPal, please, and tell me the total refund.
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "question", "no_order_id"])

# 16
u, o = "anya_brown_2024", "#W1170711"
add(16, u, "Order help", """
I'm Anya Brown, zip code 10121. I got carried away shopping and now I have three orders that haven't shipped. Cancel whichever of those three costs the most; I ordered it by mistake. The other two should go ahead as they are. If the agent asks me to name the order, say it's the most expensive pending one and let them find it.
""", actions=[cancel(o, "ordered by mistake")],
    tags=["cancel", "reference", "no_order_id"])

# 17
u, o1, o2 = "raj_kovacs_9155", "#W8455874", "#W8595443"
s = [swap(o1, "E-Reader", {"screen size": "8-inch", "connectivity": "Wi-Fi"})]
add(17, u, "Order help", """
I'm Raj Kovacs, zip code 19104. I read a lot at home and never use mobile data on my e-reader, so the 7 inch cellular one I got with my black tablet was a waste. I'd like to exchange it for the 8 inch one that's Wi-Fi only, with the same 32GB of storage. Use my gift card for whatever the difference is.

One more thing: the espresso machine delivery was left with a neighbour and I want to check it with the courier. What's the tracking number for that one?
""", actions=[exchange(o1, s, pm(u, "gift_card"))], facts=[tracking(o2)],
    tags=["exchange", "tracking", "multi", "question", "no_order_id"])

# 18
u, o = "yusuf_jackson_7865", "#W2087737"
s = [swap(o, "Smart Watch", {"band material": "leather"})]
add(18, u, "Order help", """
I'm Yusuf Jackson, zip code 98127. In my order that hasn't shipped, the one with the gold phone, I'd like the smart watch changed to the same gold watch with the AMOLED screen but with a leather band instead of silicone. The phone stays as it is, and nothing else needs changing. Any difference goes back to my PayPal. If the agent asks about my gift card, tell them not to use it.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    tags=["modify_items", "reference", "no_order_id"])
