"""people_briefs8, cases 19-36: the second writer's part of the eighth set of e-mails written by
hand in the style of tau-bench's human-written retail task briefs, each turned into the
customer's own first-person e-mail (see briefs_cases.py for the style and the README for the
split and pool rules).

Written by a helper session for this part only, one e-mail at a time after reading that user's
profile, orders and the products' variants in data/retail. The writers are a mix of people
(someone on a phone in a hurry, retired people who write formally, a small-business owner,
people whose first language is not English, someone annoyed about an earlier delivery):
several requests in one text, conditionals the store decides, exclusions, references instead
of order ids, questions whose answer is a store fact, a handoff and a request the policy
forbids. No text is taken from tau-bench or from the other sets.

Case n is the n-th user of the `briefs8` pool of `build.py` (case 19 is the first user of
`briefs8b`). One case per user.

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, refund, return_items, status_is, swap, total,
                    tracking, user_address)

CASES = []


add = brief_adder("people-briefs8", CASES)


# 19
u, o1, o2 = "ivan_kim_7727", "#W6443279", "#W2493472"
add(19, u, "Order help", """
hi, typing this from the school pickup line so sorry for the short msg. pls cancel the order thats going to New York, the one w/ the skateboard and the tea kettle. I ordered it by mistake, my brother already bought the kids a board. how much goes back on my visa for that one? also what is the total for my other order (laptop, watch, vacuum)? need it for my budget sheet. thx
Ivan
""", actions=[cancel(o1, "ordered by mistake")], facts=[total(o1), total(o2)],
    tags=["cancel", "info", "question", "multi", "reference", "no_order_id"])

# 20
u, o = "fatima_johnson_7581", "#W9389413"
s = [swap(o, "T-Shirt", {"color": "purple"}),
     swap(o, "Mechanical Keyboard", {"switch type": "tactile"})]
add(20, u, "Order help", """
Hello,

I write about my order which already arrived (the hiking boots, gold watch, keyboard and the t-shirt). Two things I want to exchange please.

The blue t-shirt, I want the same one, same size S and same v-neck polyester, but in purple colour. My daughter says blue is not my colour :)

The keyboard makes too much click noise for my husband at night. If you have this same keyboard, full size with the white light, but with tactile switches, please change to that. If there is not, then leave the keyboard how it is.

Money back or extra, use my PayPal. And please tell me how much is the difference in total.

Thank you very much,
Fatima
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "Mechanical Keyboard", {"switch type": "tactile"}, True),
           difference(o, s)],
    tags=["exchange", "conditional", "question", "reference", "no_order_id"])

# 21
u, o = "liam_muller_2272", "#W6818211"
s = [swap(o, "Laptop", {"screen size": "17-inch"}, free=("processor", "storage"))]
add(21, u, "Order help", """
Dear Sir or Madam,

I am writing regarding order #W6818211, which was delivered to me some time ago. My eyesight is not what it used to be, and I find the 15-inch screen of the laptop too small for comfortable reading. I would therefore like to exchange it for a 17-inch model. I should like it to remain black and to keep the 32GB of memory; the processor and the storage are of no great importance to me.

The bicycle helmet in the same parcel is quite satisfactory and I shall keep it.

Any sum owed to me should be placed on the gift card with which I paid for the order. I would be grateful if you would tell me what that amount comes to.

Yours faithfully,
Liam Muller
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 22
u, o1, o2 = "evelyn_kovacs_6742", "#W5694685", "#W2768683"
ids = item_ids(o2, "Wireless Earbuds")
add(22, u, "Order help", """
I'm honestly fed up. The big delivery that went to the Los Angeles address showed up weeks late, the box was crushed, and the white earbuds in it don't hold a charge in the left ear. I want to send the earbuds back and get my money back to PayPal. Tell me exactly how much that refund is.

Also, I have an order that's only the glass stovetop tea kettle. I don't need it anymore, so cancel that one. The electric kettle order stays as it is, don't touch it.

Evelyn
""", actions=[return_items(o2, ids, pm(u, "paypal")), cancel(o1, "no longer needed")],
    facts=[refund(o2, ids)],
    tags=["return", "cancel", "multi", "question", "reference", "annoyed", "no_order_id"])

# 23
u, o1, o2 = "sophia_martin_8570", "#W1603792", "#W1092119"
s = [swap(o1, "Headphones", {"color": "black"}),
     swap(o1, "Pet Bed", {"color": "grey"})]
add(23, u, "Order help", """
Hi there, a couple changes before things ship. In my big order with the mountain bike and the grill I'd like the over-ear wired headphones in black insted of blue, and the small fleece pet bed in grey instead of brown (my dog sheds white hair everywhere, brown was a bad idea lol). Put any difference on my mastercard. The bike, grill and tablet stay exactly as they are. Second thing, the luggage set order is going to 592 Elm Avenue, I dont live there anymore, please send it to the same address the bike order is going to. Thanks so much!
Sophia
""", actions=[modify_items(o1, s, pm(u, "credit_card")), order_address(o2, address_of(o1))],
    tags=["modify_items", "address", "multi", "reference", "typos", "no_order_id"])

# 24
u, o1, o2 = "harper_brown_7363", "#W2273069", "#W1840144"
s = [swap(o2, "Fleece Jacket", {"zipper": "full"})]
add(24, u, "Order help", """
Hello,

I run a small design studio and buy most of our office things through your store. Two items of business:

1. My open order (smart watch, tea kettle, perfume, toothbrush and hiking boots) was put on my Visa by mistake. It should be on the PayPal account instead, that's where the business expenses go.

2. In the delivered order with the laptop, desk lamp and wall clock we received two navy XL half-zip fleece jackets for the staff. One of them should have been the navy XL with the full zipper. Please exchange one of the two for that and keep the other as it is. Use PayPal for any difference, and let me know what the difference comes to.

Regards,
Harper Brown
""", actions=[payment(o1, pm(u, "paypal")), exchange(o2, s, pm(u, "paypal"))],
    facts=[difference(o2, s)],
    tags=["payment", "exchange", "multi", "question", "reference", "no_order_id"])

# 25
u = "mason_johansson_2485"
add(25, u, "Order help", """
Order #W9549057, the black t-shirt and the makeup kit. It's addressed to San Francisco and I left that apartment. Redirect it to my Charlotte address on file. That's all.
Mason
""", disposition="either",
    tags=["refusal", "wrong_state"])

# 26
u, o1, o2 = "yusuf_taylor_7149", "#W8268610", "#W5690487"
ids = all_items(o2, "Cycling Helmet")
add(26, u, "Order help", """
Hi,
- I found a white desk lamp at a store near me, so I don't need the one I ordered online anymore. If that order hasn't shipped, please cancel it.
- From the package that was delivered to Washington DC, I'm sending back everything except the red bike helmet. Refund it to my Visa, the card I paid with.
How much will I get back for the return?
Thanks, Yusuf
""", actions=[cancel(o1, "no longer needed"), return_items(o2, ids, pm(u, "credit_card"))],
    facts=[status_is(o1, "pending"), refund(o2, ids)],
    tags=["cancel", "return", "multi", "conditional", "exclusion", "question", "reference",
          "no_order_id"])

# 27
u, o = "mason_kovacs_7590", "#W6030855"
s = [swap(o, "Sunglasses", {"frame material": "plastic"})]
add(27, u, "Order help", """
What's the price difference if I switch my sunglasses to plastic frames? I keep breaking metal ones. They're in my pending order: black frame, green polarized lenses, please keep all that and only swap the metal for plastic. Use my gift card for the difference.

Also in the same order, the black bluetooth speaker: if you have it in black with the same 20 hour battery but water resistant, change to that one. If you don't, just leave the speaker as is, no big deal.

Mason
""", actions=[modify_items(o, s, pm(u, "gift_card"))],
    facts=[available(o, "Bluetooth Speaker", {"water resistance": "yes"}, False),
           difference(o, s)],
    tags=["modify_items", "conditional", "question", "no_order_id"])

# 28
u, o = "yusuf_gonzalez_8900", "#W2230795"
add(28, u, "Order help", """
Hello. Of my two orders that have not shipped, please move the more expensive one from PayPal to my Mastercard. What is the total that will go on the card?
Yusuf
""", actions=[payment(o, pm(u, "credit_card"))], facts=[total(o)],
    tags=["payment", "question", "reference", "no_order_id"])

# 29
u, o = "aarav_thomas_2711", "#W9767156"
s = [swap(o, "Cycling Helmet", {"ventilation": "high"}),
     swap(o, "Electric Kettle", {"color": "black"})]
add(29, u, "Order help", """
Good day,

In my order with the wall clock, the water bottle and the speaker, I am needing two changes before you send it. The black helmet in size L, I want it with high ventilation, because here in Florida it is very hot for cycling, still black and L. And the steel electric kettle 1 litre, please make it black colour, not silver, to match my kitchen. Other things in that order, no changes.

My gift card is my only payment, please use it for the difference. How much it will be?

Regards
Aarav
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "reference", "no_order_id"])

# 30
u, o1, o2 = "ethan_muller_6097", "#W4683557", "#W4398027"
ids = all_items(o2, "Jigsaw Puzzle")
add(30, u, "Order help", """
Good afternoon,

My pending order containing the espresso machine and the vacuum cleaner is addressed to Denver, where I was staying last winter. I have since returned home; kindly have it delivered to the Seattle address on my account instead.

Further, regarding the order that was delivered to Fort Worth: I intend to keep the puzzle, but the rest of that order is to be returned, with the refund to my Visa card. Please confirm the amount I will receive.

With thanks,
Ethan Muller
""", actions=[order_address(o1, default_address(u)), return_items(o2, ids, pm(u, "credit_card"))],
    facts=[refund(o2, ids)],
    tags=["address", "return", "multi", "exclusion", "question", "reference", "no_order_id"])

# 31
u, o = "sophia_lee_8294", "#W7366745"
s = [swap(o, "E-Reader", {"storage": "32GB"}),
     swap(o, "Sunglasses", {"frame color": "black"})]
add(31, u, "Order help", """
Hey! Loving the grill, but two things from that delivery aren't quite right for me. The e-reader fills up way too fast with 8GB, could I swap it for the same 7 inch wifi + cellular one but with 32GB? And the sunglasses, I want the exact same pair (brown polarized lenses, plastic) but with a black frame instead of the brown one. Grill stays of course. Put whatever money comes back on my gift card please, and tell me how much that'll be.
Sophia
""", actions=[exchange(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 32
u, o1, o2 = "yara_moore_6466", "#W8336711", "#W5791782"
ids = all_items(o1, "Smartphone", "Digital Camera")
add(32, u, "Order help", """
Hi,

Two things:
1) From the delivery with the phone and the camera, I'm keeping those two and returning all the rest. Refund to my PayPal. What's the total refund?
2) The order with the silver smart watch and the gold tablet - what's its tracking number?

Thanks
Yara
""", actions=[return_items(o1, ids, pm(u, "paypal"))], facts=[refund(o1, ids), tracking(o2)],
    tags=["return", "tracking", "multi", "exclusion", "question", "reference", "no_order_id"])

# 33
u, o = "olivia_jackson_1219", "#W3168895"
s = [swap(o, "Hiking Boots", {"size": "9"}),
     swap(o, "Gaming Mouse", {"color": "black"})]
new = address("1447 Meridian Ave", "Apt 12", "San Jose", "CA", "95125")
add(33, u, "Order help", """
Hi! Big week: I just moved across town, so please change the address on my account to 1447 Meridian Ave, Apt 12, San Jose, CA 95125. The orders I already placed can keep the addresses they have.

Also, in my order with the gray sneakers, the leather waterproof hiking boots in size 8 will be too small, please make them a 9 (same leather, waterproof). And the RGB optical wired mouse in that order, I'd like it in plain black, still optical and wired. The sneakers are fine. PayPal for the difference.

Olivia
""", actions=[user_address(u, new), modify_items(o, s, pm(u, "paypal"))],
    tags=["user_address", "modify_items", "multi", "reference", "no_order_id"])

# 34
u, o = "sofia_davis_2103", "#W2112666"
ids = item_ids(o, "Water Bottle")
add(34, u, "Order help", """
the blue glass water bottle from #W2112666 has a crack at the bottom, want to return it. makeup kit is fine, keeping it. refund back to my gift card pls, how much will that be?
- Sofia
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "question"])

# 35
u, o1, o2 = "sophia_hernandez_2054", "#W4614740", "#W1748126"
add(35, u, "Order help", """
Hi, my order that hasn't shipped yet (wristwatch, red luggage set and tablet) is going to the apartment on Broadway that I moved out of. Please ship it to my home address on Laurel Lane, the one saved in my account. And could you send me the tracking number for the package that went to Austin, with the tea kettle and the security camera? My mom says it never arrived.
Thanks,
Sophia
""", actions=[order_address(o1, default_address(u))], facts=[tracking(o2)],
    tags=["address", "tracking", "multi", "question", "reference", "no_order_id"])

# 36
u = "amelia_rossi_5121"
add(36, u, "Order help", """
Hello,

I've been trying to sort out a problem with my tablet order for days and every reply I get is automated. I need to talk to an actual human being on your customer service team, please have someone get in touch with me by phone or email. Please do not change anything on my orders in the meantime.

Amelia Rossi
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])
