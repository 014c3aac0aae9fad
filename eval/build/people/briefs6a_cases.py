"""people_briefs6 (part a, cases 1-20): e-mails written by hand in the style of tau-bench's
retail task briefs turned into a first-person customer e-mail (see briefs_cases.py for the
style and the README for the split and pool rules).

Each e-mail was written one at a time after reading that user's orders in data/retail:
instruction-like requests, several requests in one text, conditionals, references, exclusions,
questions whose answer is a store fact, two handoffs and two requests the policy forbids. No
text is taken from tau-bench or from the other sets.

Case n is the n-th user of the `briefs6a` pool of `build.py`.

This file is data (20 e-mails, each with its label) and so runs long.
"""
from labels import (address, address_of, all_items, available, brief_adder, cancel,  # noqa: F401
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, paid_with, payment, pm, policy, refund, return_items, swap,
                    total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs6", CASES)


# 1
u, o = "evelyn_anderson_9102", "#W5931168"
s = [swap(o, "Yoga Mat", {"thickness": "5mm", "material": "TPE", "color": "pink"})]
add(1, u, "Order help", """
I'm Evelyn Anderson, zip code 28257. The green mat I got from you slides around on my studio floor, so I want to exchange it. If you still sell the pink TPE mat in 5mm, that's the one I want. If that pink one is sold out, forget the swap and just take the green mat back with a refund. Any money owed to me either way goes on my Visa, please don't put it on the gift card.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Yoga Mat", {"thickness": "5mm", "material": "TPE", "color": "pink"}, True)],
    tags=["exchange", "conditional", "no_order_id"])

# 2
u, o = "emma_rossi_2839", "#W9152938"
add(2, u, "Order help", """
I'm Emma Rossi, my email is emma.rossi7277@example.com. so the order with the tablet, the skateboard and the animal puzzle was a mistake on my part, my sister had already bought all three for my son's birthday. please cancel all of it, reason is ordered by mistake. I'd like to know the exact amount going back to my paypal and roughly how long it takes before I see it.
""", actions=[cancel(o, "ordered by mistake")],
    facts=[total(o), policy("5 to 7 business days")],
    tags=["cancel", "question", "policy", "no_order_id"])

# 3
u, o1, o2 = "ava_smith_1453", "#W8328622", "#W3197825"
add(3, u, "Order help", """
I'm Ava Smith, zip code 80227. Two things today. The gold smart watch with the metal band that I ordered is paid for with my gift card right now; move that payment over to my Mastercard ending in 3744, I'd rather keep the gift card for something else. Then my keyboard order: I want the 80% size instead of the 60%, still linear switches and RGB, with any difference on that same Mastercard. Also please give me the tracking number for the keyboard.
""", actions=[payment(o1, pm(u, "credit_card", last_four="3744"))],
    facts=[tracking(o2)],
    tags=["payment", "refusal", "wrong_state", "question", "tracking", "multi", "no_order_id"])

# 4
u, o = "harper_ito_5985", "#W5367110"
add(4, u, "Order help", """
I'm Harper Ito, zip code 90152. I've just moved out of LA. Update the default address on my profile to 2231 Orchard Street, Apt 7, Pasadena, CA 91104. The two orders already on their way can keep their old address, my roommate is forwarding mail, so leave those alone. One more thing I need from you is the tracking number of the package that has my skateboard and water bottle in it.
""", actions=[user_address(u, address("2231 Orchard Street", "Apt 7", "Pasadena", "CA", "91104"))],
    facts=[tracking(o)],
    tags=["user_address", "question", "tracking", "multi", "no_order_id"])

# 5
u, o = "ethan_khan_3904", "#W4347784"
add(5, u, "Order help", """
I'm Ethan Khan, zip code 92117. Order #W4347784 (the size 12 synthetic hiking boots and the white wood bookshelf) was ordered by mistake, I meant to add those to my brother's wish list, not buy them. Cancel the whole order and refund my Visa. I'm not interested in a return later on, I want it cancelled now.
""", tags=["refusal", "wrong_state"])

# 6
u, o = "liam_silva_3628", "#W8367567"
s = [swap(o, "Bookshelf", {"height": "5 ft"}, where={"color": "brown"}),
     swap(o, "Bookshelf", {"height": "6 ft"}, where={"color": "white"}),
     swap(o, "Headphones", {"connectivity": "wireless", "color": "black"})]
add(6, u, "Order help", """
I'm Liam Silva, zip code 95110. My order that hasn't shipped yet (camera, keyboard, headphones, two glass bookshelves) needs a few adjustments before it leaves:
- brown glass bookshelf: 5 ft tall, not 4 ft
- white glass bookshelf: if it comes in 6 ft, make it 6 ft; if it doesn't, keep it at 5 ft
- the red wired in-ear headphones: I want the black wireless in-ear ones instead
The camera and the keyboard stay exactly as ordered. Settle any difference through my PayPal. That's the complete list, nothing else to change.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Bookshelf", {"height": "6 ft"}, True, where={"color": "white"})],
    tags=["modify_items", "conditional", "no_order_id"])

# 7
u, o = "raj_anderson_8746", "#W8389220"
s = [swap(o, "Espresso Machine", {"capacity": "2L"})]
add(7, u, "Order help", """
I'm Raj Anderson, zip code 76134. About my open order with the laptop and the espresso machine. I'll be at our lake house when it arrives, so it has to ship to 3 Cypress Point Lane, Suite 2, Granbury, TX 76048 instead of Fort Worth. Second, on the espresso machine I want the 2L water tank instead of 1L, still 9 bar and automatic. Take the extra cost from my gift card. The laptop I'm keeping as it is.
""", actions=[order_address(o, address("3 Cypress Point Lane", "Suite 2", "Granbury", "TX", "76048")),
              modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "no_order_id"])

# 8
u, o = "ava_sanchez_8588", "#W8587412"
add(8, u, "Order help", """
I'm Ava Sanchez, zip code 20500. I'd like to send back the glass tea kettle, it only works on electric stoves and my new kitchen is all gas. Put the refund on the card I paid with. Also, I'm living in Jacksonville full time now, so please make my account's default address the same one that kettle was delivered to. What will the refund amount be?
""", actions=[return_items(o, item_ids(o, "Tea Kettle"), paid_with(o)),
              user_address(u, address_of(o))],
    facts=[refund(o, item_ids(o, "Tea Kettle"))],
    tags=["return", "user_address", "multi", "question", "reference", "no_order_id"])

# 9
u, o1, o2 = "evelyn_moore_6558", "#W4308578", "#W9958106"
add(9, u, "Order help", """
I'm Evelyn Moore, zip code 19019. Cancel order #W4308578 please, the smart thermostat and the e-reader. I no longer need them because I was given both as presents. The money should go back onto the gift card that paid for it. Separately, can you tell me the tracking number for the black desk lamp I ordered on its own?
""", actions=[cancel(o1, "no longer needed")], facts=[tracking(o2)],
    tags=["cancel", "question", "tracking", "multi"])

# 10
u, o = "fatima_li_8519", "#W5267498"
s = [swap(o, "Action Camera", {"color": "silver"})]
add(10, u, "Order help", """
Im Fatima Li, zip code 94180. my action camera order is still set to ship to the San Antonio adress where I used to live, please send it to my current address, the one saved on my acount. And while your at it I'd like it in silver instead of black, same 4K waterproof model otherwise. use my gift card for the extra.
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "reference", "typos", "no_order_id"])

# 11
u, o = "sofia_khan_9820", "#W7532822"
ids = all_items(o, "Digital Camera")
add(11, u, "Order help", """
I'm Sofia Khan, zip code 43149. From my last delivery I'm returning all of it apart from the digital camera: both black tees, the hiking boots and the backpack go back, the camera stays with me. Refund to PayPal. Tell me what the refund adds up to.
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "no_order_id"])

# 12
u, o = "ethan_nguyen_7565", "#W2325029"
s = [swap(o, "Bicycle", {"frame size": "medium", "color": "black"}),
     swap(o, "Coffee Maker", {"capacity": "4 cups"})]
add(12, u, "Order help", """
I'm Ethan Nguyen, zip code 95155. Order #W2325029 hasn't shipped and the bike's large frame is too big for me, I need a medium. If the medium mountain bike is offered in red, go with red; otherwise take the medium mountain bike in black. I also want the espresso coffee maker bumped from 2 cups to 4 cups, still black with the timer. The sunglasses stay. Charge the difference to PayPal, not the gift card.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Bicycle", {"frame size": "medium"}, False)],
    tags=["modify_items", "conditional"])

# 13
u = "mia_moore_7778"
add(13, u, "Order help", """
I'm Mia Moore, zip code 46245. This is about my tablet order that got cancelled. I want to talk it through with an actual person from your team rather than an automated reply, so please transfer me to a human agent. I'll explain the details to them.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 14
u = "daiki_moore_2077"
add(14, u, "Order help", """
I'm Daiki Moore, zip code 28226. I have an order on its way with two skateboards, a pet bed, headphones and a water bottle. I have some concerns about it that I only want to go over with a human representative. Hand this to someone on your staff and have them contact me by email, thanks.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 15
u, o1, o2 = "liam_li_6251", "#W4503264", "#W7554786"
s1 = [swap(o1, "Running Shoes", {"color": "black"}, free=("material",))]
s2 = [swap(o2, "T-Shirt", {"material": "cotton"})]
add(15, u, "Order help", """
I'm Liam Li, zip code 75285. Two requests:
1) The white running shoes I ordered haven't shipped. Switch them to black, same size 9 and rubber sole, I don't mind what material.
2) The blue v-neck tee that was delivered is polyester and it itches. Exchange it for the same shirt in cotton (still blue, small, v-neck).
Use my gift card for any charge or refund on both.
""", actions=[modify_items(o1, s1, pm(u, "gift_card")), exchange(o2, s2, pm(u, "gift_card"))],
    tags=["modify_items", "exchange", "multi", "no_order_id"])

# 16
u, o1, o2 = "juan_gonzalez_6489", "#W8046874", "#W2438921"
s = [swap(o1, "Cycling Helmet", {"size": "L", "color": "black"})]
add(16, u, "Order help", """
I'm Juan Gonzalez, zip code 32182. The blue bike helmet from my delivered order is a medium and it pinches; exchange it for a large, black, keeping the high ventilation. Any money back goes to my gift card. Also cancel my pending order with the camera, the small helmet and the jigsaw puzzle, I no longer need it. Tell me how much comes back to me on each of the two.
""", actions=[exchange(o1, s, pm(u, "gift_card")), cancel(o2, "no longer needed")],
    facts=[difference(o1, s), total(o2)],
    tags=["exchange", "cancel", "multi", "question", "no_order_id"])

# 17
u, o = "fatima_taylor_2349", "#W9854700"
s = [swap(o, "Mechanical Keyboard", {"switch type": "tactile"})]
add(17, u, "Order help", """
I'm Fatima Taylor, zip code 43224. For pending order #W9854700: I want the laptop in silver, but only if you have exactly my configuration (13-inch, i9, 8GB RAM, 1TB SSD) in silver. If not, don't touch the laptop. The keyboard should have tactile switches instead of clicky, keep the RGB lighting and 60% layout. Use PayPal for any difference, and let me know what that difference is. Those are all my changes.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[available(o, "Laptop", {"color": "silver"}, False), difference(o, s)],
    tags=["modify_items", "conditional", "question"])

# 18
u, o = "yara_martin_9470", "#W4538969"
add(18, u, "Order help", """
I'm Yara Martin, zip code 80209. My big pending order (the two espresso machines, headphones and earbuds) should go to my office instead: 1800 Larimer Street, Floor 12, Denver, CO 80202. And charge it to my PayPal account rather than the Mastercard. Nothing else changes on that order.
""", actions=[order_address(o, address("1800 Larimer Street", "Floor 12", "Denver", "CO", "80202")),
              payment(o, pm(u, "paypal"))],
    tags=["address", "payment", "multi", "no_order_id"])

# 19
u, o = "anya_muller_4683", "#W3248320"
ids = all_items(o, "Vacuum Cleaner", "Cycling Helmet")
add(19, u, "Order help", """
I'm Anya Muller, zip code 80240. From delivered order #W3248320 I want to send back everything except the robot vacuum and the bike helmet, meaning the makeup kit and the perfume. Refund to my gift card. What is the refund going to come to?
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question"])

# 20
u, o1, o2 = "mia_nguyen_6399", "#W7259788", "#W4657527"
add(20, u, "Order help", """
I'm Mia Nguyen, zip code 78229. I've got two orders pending with you. The one with the tablet, luggage set, sneakers and helmet: cancel it, no longer needed. The other one (puzzle, indoor security camera, earbuds) I want delivered to my mom's house instead of mine: 45 Alamo Heights Blvd, Apt 3, San Antonio, TX 78209.
""", actions=[cancel(o1, "no longer needed"),
              order_address(o2, address("45 Alamo Heights Blvd", "Apt 3", "San Antonio", "TX", "78209"))],
    tags=["cancel", "address", "multi", "no_order_id"])
