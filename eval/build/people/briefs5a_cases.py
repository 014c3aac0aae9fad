"""people_briefs5, part a: see the set's description in eval/build/README.md."""
from labels import (address, all_items, available, brief_adder, cancel, default_address,
                    difference, exchange, item_ids, modify_items, order_address, paid_with,
                    payment, pm, price, refund, return_items, status_is, swap, total, tracking,
                    user_address)

CASES = []

add = brief_adder("people-briefs5", CASES)


# 1
u, o = "ava_silva_2543", "#W8074062"
add(1, u, "Order help", """
I'm Ava Silva, zip code 78706. I no longer live at the Cedar Avenue suite, so I want the default address on my account updated to 4127 Pecan Grove Lane, Apartment 12, Austin, TX 78745. Besides that, the big order I placed with the grill, the hiking boots and a t-shirt ended up cancelled. I want to know the total amount that was refunded to my Visa for it. I am not reordering anything, so don't offer.
""", actions=[user_address(u, address("4127 Pecan Grove Lane", "Apartment 12", "Austin", "TX",
                                      "78745"))],
    facts=[total(o)], tags=["user_address", "question", "multi", "no_order_id"])

# 2
u, o1, o2 = "mia_sanchez_3401", "#W7170967", "#W4096800"
s = [swap(o2, "Mechanical Keyboard", {"backlight": "RGB"}),
     swap(o2, "Portable Charger", {"output": "Wireless", "color": "blue"})]
add(2, u, "Order help", """
I'm Mia Sanchez, zip code 98179. I want to switch the payment of order W7170967 (the one with the two laptops) from my gift card to PayPal. Then, in my other pending order, I want to modify two items: the mechanical keyboard should be the RGB backlit version, still tactile switches and 60% size, and the portable charger should be the wireless one in blue, same 20000mAh capacity. Use PayPal for any price difference. I want to know the net amount I pay or get back for those two changes. If the agent asks whether that's all for that order, say yes.
""", actions=[payment(o1, pm(u, "paypal")), modify_items(o2, s, pm(u, "paypal"))],
    facts=[difference(o2, s)], tags=["payment", "modify_items", "multi", "question"])

# 3
u, o = "evelyn_ito_7643", "#W6207110"
add(3, u, "Order help", """
I'm Evelyn Ito, zip code 92127. I have a pending order with a green backpack and a black bluetooth speaker. I want the speaker changed to the water resistant model, keeping the black color and the 20 hour battery. If that exact one is not available, then cancel the whole order instead, reason: no longer needed. I don't want a different color and I don't want to keep only the backpack.
""", actions=[cancel(o, "no longer needed")],
    facts=[available(o, "Bluetooth Speaker", {"water resistance": "yes"}, holds=False)],
    tags=["cancel", "conditional", "no_order_id"])

# 4
u, o = "chen_wilson_4378", "#W8328493"
s = [swap(o, "Electric Kettle", {"material": "glass"}, free=("color",)),
     swap(o, "Jigsaw Puzzle", {"pieces": "500"})]
add(4, u, "Order help", """
I'm Chen Wilson, my email is chen.wilson5208@example.com. My order with the electric kettle, the bike helmet and the jigsaw puzzle hasn't shipped yet. First I want to pay for that order with my Mastercard instead of the gift card. After that, change two items: the kettle should be glass instead of plastic, still 1.5L, I don't mind the color; the puzzle should be the 500-piece one, same animals theme and expert difficulty. The helmet stays. Put any difference on the Mastercard and tell me how much it is.
""", actions=[payment(o, pm(u, "credit_card")), modify_items(o, s, pm(u, "credit_card"))],
    facts=[difference(o, s)], tags=["payment", "modify_items", "multi", "question", "no_order_id"])

# 5
u, o1, o2 = "anya_taylor_1082", "#W2727221", "#W9980894"
s = [swap(o2, "Pet Bed", {"color": "grey"})]
add(5, u, "Order help", """
I'm Anya Taylor, zip code 10006. Two things. My pending order with the water bottle and the running shoes is still set to go to my old place in Philadelphia; I want it shipped to the default address on my account instead. And from the order I already got, I want to exchange the brown pet bed for a grey one, same large size and memory foam. If grey is not available, I'd go for beige. Pay the difference with my gift card and tell me what the difference is.
""", actions=[order_address(o1, default_address(u)), exchange(o2, s, pm(u, "gift_card"))],
    facts=[available(o2, "Pet Bed", {"color": "grey"}, holds=True), difference(o2, s)],
    tags=["address", "exchange", "conditional", "multi", "question", "reference", "no_order_id"])

# 6
u, o1, o2 = "evelyn_patel_7348", "#W4017490", "#W6023202"
ids = all_items(o1, "Smartphone")
s = [swap(o2, "Fleece Jacket", {"size": "XL", "color": "navy"})]
add(6, u, "Order help", """
I'm Evelyn Patel, zip code 77052. From the order that was delivered to San Francisco, I want to return everything except the smartphone. The refund goes to my gift card. I want to know the total refund. Also, in my order that is still pending, the black fleece jacket in L will be too small: change it to XL with a full zipper, and navy is fine for the color. Any money back from that change also to the gift card.
""", actions=[return_items(o1, ids, pm(u, "gift_card")), modify_items(o2, s, pm(u, "gift_card"))],
    facts=[refund(o1, ids)],
    tags=["return", "modify_items", "exclusion", "multi", "question", "reference",
          "no_order_id"])

# 7
u, o1, o2 = "james_sanchez_3954", "#W7464385", "#W8499625"
add(7, u, "Order help", """
I'm James Sanchez, zip code 60623. I want to cancel order #W7464385 with the action camera because I ordered it by mistake. Also, my garden hose order is going to an old address in Columbus; I want it redirected to my home on Park Avenue in Chicago. If the agent says the hose order can't be changed anymore, then just give me its tracking number.
""", actions=[cancel(o1, "ordered by mistake")],
    facts=[status_is(o2, "processed"), tracking(o2)],
    tags=["cancel", "tracking", "question", "conditional", "multi", "refusal", "wrong_state"])

# 8
u, o = "daiki_jackson_4362", "#W8306539"
s = [swap(o, "Desk Lamp", {"power source": "USB", "brightness": "low"})]
add(8, u, "Order help", """
I'm Daiki Jackson, my email is daiki.jackson9202@example.com. I have a desk lamp order that hasn't shipped. I want it delivered to my new office: 88 Blake Street, Floor 3, Denver, CO 80205. I also want the lamp powered by USB instead of the AC adapter, still black. Brightness doesnt matter to me, I want the cheapest black USB lamp that is in stock. Use my gift card for any difference.
""", actions=[order_address(o, address("88 Blake Street", "Floor 3", "Denver", "CO", "80205")),
              modify_items(o, s, pm(u, "gift_card"))],
    tags=["address", "modify_items", "multi", "typos", "no_order_id"])

# 9
u = "mei_johansson_5847"
add(9, u, "Order help", """
I'm Mei Johansson, zip code 20509. I am very unhappy. My order with the smart watch, the headphones, a security camera and an office chair was cancelled, and I never asked for that. I waited for weeks for nothing and had to buy a chair elsewhere at a higher price. I know the money went back to my gift card; that is not enough. I want $150 of store credit as compensation for the trouble, and I expect an answer on that, not an apology.
""", disposition="escalate", tags=["handoff", "annoyed", "no_order_id"])

# 10
u, o = "lei_patel_3139", "#W2403263"
s = [swap(o, "Perfume", {"scent family": "woody"})]
add(10, u, "Order help", """
I'm Lei Patel, zip code 60604. For order W2403263, I want it delivered to my office instead of home: 401 North Wabash Avenue, Suite 1500, Chicago, IL 60611. The perfume in that order should be the woody scent instead of oriental, still 100ml for men. Keep the digital camera as it is. Refund the difference to my Visa. How much will I get back?
""", actions=[order_address(o, address("401 North Wabash Avenue", "Suite 1500", "Chicago", "IL",
                                       "60611")),
              modify_items(o, s, pm(u, "credit_card"))],
    facts=[difference(o, s)], tags=["address", "modify_items", "multi", "question"])

# 11
u, o1, o2 = "mason_li_6934", "#W8998368", "#W2392556"
s = [swap(o1, "Hiking Boots", {"size": "11"}),
     swap(o1, "Skateboard", {"deck material": "bamboo"})]
add(11, u, "Order help", """
I'm Mason Li, zip code 98131. From my delivered order I want to exchange two things: the hikign boots for one size down, still leather and waterproof, and the skateboard for the bamboo deck with the same 34 inch length and custom design. I'll keep the puzzle. Pay with my gift card; I want to know how much will be taken from it. Separately, cancel my pending order with the desk lamp, I no longer need it.
""", actions=[exchange(o1, s, pm(u, "gift_card")), cancel(o2, "no longer needed")],
    facts=[difference(o1, s)],
    tags=["exchange", "cancel", "multi", "question", "typos", "no_order_id"])

# 12
u, o = "yara_patel_8545", "#W1068289"
add(12, u, "Order help", """
I'm Yara Patel, my email is yara.patel5445@example.com. Order #W1068289 with the headphones, the gas grill and the wristwatch was placed by mistake. If it hasn't shipped yet, I want it cancelled, reason: ordered by mistake. I want to know how much will go back to my gift card. If the agent offers to change the items instead, decline.
""", actions=[cancel(o, "ordered by mistake")],
    facts=[status_is(o, "pending"), total(o)], tags=["cancel", "conditional", "question"])

# 13
u, o = "aarav_khan_2797", "#W5497052"
add(13, u, "Order help", """
I'm Aarav Khan, zip code 19066. I want to return the jigsaw puzzle I received, the 1500-piece animals one. I paid with PayPal, but I want the refund put on my gift card instead. I don't remember the order id. What is the refund amount?
""", actions=[return_items(o, item_ids(o, "Jigsaw Puzzle"), pm(u, "gift_card"))],
    facts=[refund(o, item_ids(o, "Jigsaw Puzzle"))], tags=["return", "question", "no_order_id"])

# 14
u, o = "omar_martin_3329", "#W7028924"
ids = item_ids(o, "Laptop")
add(14, u, "Order help", """
I'm Omar Martin, zip code 80244. For order #W7028924 I want to return the most expensive item and keep the rest. The refund should go back to the gift card I paid with. Tell me how much I'll get back. If the agent asks for a reason, say I no longer need it.
""", actions=[return_items(o, ids, paid_with(o))], facts=[refund(o, ids)],
    tags=["return", "question", "reference"])

# 15
u, o = "harper_kim_3380", "#W2470317"
s = [swap(o, "Bluetooth Speaker", {"color": "blue"}),
     swap(o, "Smart Watch", {"band material": "leather"})]
add(15, u, "Order help", """
I'm Harper Kim, my email is harper.kim7658@example.com. From my delivered order I want to exchange the bluetooth speaker and the smart watch. For the speaker I want the same 10 hour battery and water resistance but in green; if there is no green, I'd go for blue. For the watch, keep the gold color and LCD display but with a leather band. Charge or refund the difference on my Mastercard and tell me the amount. If the agent asks whether there is anything else to exchange, say no.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    facts=[available(o, "Bluetooth Speaker", {"color": "green"}, holds=False), difference(o, s)],
    tags=["exchange", "conditional", "question", "no_order_id"])

# 16
u, o = "juan_martin_4740", "#W5815923"
s = [swap(o, "Espresso Machine", {"type": "capsule"}),
     swap(o, "Cycling Helmet", {"ventilation": "high"})]
add(16, u, "Order help", """
I'm Juan Martin, zip code 94102. My order with the office chair, espresso machine, cycling helmet and bicycle has not shipped. I want to modify two items: the espresso machine should be the capsule type, still 19 bar and 2L; the helmet should stay red in size M but with high ventilation. The chair and the bike stay as they are. Use PayPal for the difference. I'd also like to know the price of the capsule espresso machine.
""", actions=[modify_items(o, s, pm(u, "paypal"))],
    facts=[price(o, "Espresso Machine", {"type": "capsule"})],
    tags=["modify_items", "multi", "question", "no_order_id"])

# 17
u = "juan_jackson_6087"
add(17, u, "Order help", """
I'm Juan Jackson, zip code 77173. My puzzle order that was supposed to go to San Jose got cancelld and I have no idea why. I want to talk to a human agent about it, not an automated system. Please transfer me to a person.
""", disposition="escalate", tags=["handoff", "asks_for_human", "typos", "no_order_id"])

# 18
u = "raj_johnson_1989"
add(18, u, "Order help", """
I'm Raj Johnson, zip code 90888. I want to return the indoor securty camera I bought and get my money back to PayPal. I don't remember the order id. If the agent says it can't be returned, I want to know why.
""", tags=["refusal", "wrong_state", "typos", "no_order_id"])
