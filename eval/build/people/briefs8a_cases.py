"""people_briefs8 (part a, cases 1-18): e-mails written by hand by a helper session in the style
of tau-bench's retail task briefs turned into the customer's own first-person e-mail.

Each e-mail was written one at a time after reading that user's profile, orders and the
products' variants in data/retail: persona remarks and simulator directions left in the first
person, several requests in one text, conditionals decided by the store, exclusions, references
instead of order ids, questions whose answer is a store fact, a handoff and a request the policy
forbids. Case n is the n-th user of the `briefs8a` pool of `build.py`. No text is taken from
tau-bench or from the other sets.

This file is data (18 e-mails, each with its label) and so runs long.
"""
from labels import (address, all_items, available, brief_adder, cancel, difference, exchange,
                    item_ids, modify_items, order_address, paid_with, payment, pm, refund,
                    return_items, status_is, swap, total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs8", CASES)


# 1
u, o1, o2 = "yara_lee_7701", "#W1341845", "#W3320020"
ids = all_items(o1, "Mechanical Keyboard")
add(1, u, "Order help", """
I'm Yara Lee, zip code 77243. The package that was delivered to the Fort Worth address: I'm keeping the keyboard from it, but the light bulb and the blue speaker are going back. Put the refund on my Visa, which is what I paid with, and tell me how much it comes to. One more thing, my open order with the red leather chair is on my Mastercard right now and I'd like it charged to the Visa instead. If the agent asks me to confirm, I'll say yes.
""", actions=[return_items(o1, ids, pm(u, "credit_card", brand="visa")),
              payment(o2, pm(u, "credit_card", brand="visa"))],
    facts=[refund(o1, ids)],
    tags=["return", "payment", "multi", "exclusion", "reference", "question", "no_order_id"])

# 2
u, o = "olivia_brown_4616", "#W2912153"
s = [swap(o, "Electric Kettle", {"capacity": "2L"})]
add(2, u, "Order help", """
I'm Olivia Brown, my email is olivia.brown9075@example.com. The white glass electric kettle that came with my desk lamp is too small for our household, we go through a pot of tea every hour. If you still sell that same white glass kettle in the 2 liter size, please exchange mine for it. If there's no 2 liter one, then forget it and I'll keep what I have. Charge the difference to my PayPal please, not the Visa.
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "Electric Kettle", {"capacity": "2L"}, True)],
    tags=["exchange", "conditional", "no_order_id"])

# 3
u, o = "olivia_garcia_4691", "#W3279695"
new = address("2871 Oak Street", "Unit 12", "Jacksonville", "FL", "32205")
s = [swap(o, "Indoor Security Camera", {"resolution": "4K"})]
add(3, u, "Order help", """
I'm Olivia Garcia, zip code 32237. I'm moving across town at the end of the month, so the address on my account should become 2871 Oak Street, Unit 12, Jacksonville, FL 32205. My pending order can still go to Spruce Street, I'll be there when it arrives, so leave its shipping address alone.

About that order: I want a sharper picture from the indoor security camera. I was going to ask for the 160 degree one but actually no, make it the 4K version with the same 130 degree view and still wired with Ethernet. Take whatever extra it costs from my gift card. The hose and the air purifier stay as they are.
""", actions=[user_address(u, new), modify_items(o, s, pm(u, "gift_card"))],
    tags=["user_address", "modify_items", "multi", "no_order_id"])

# 4
u, o1, o2 = "olivia_smith_8953", "#W3794101", "#W1348609"
add(4, u, "Order help", """
olivia smith, zip 32177. I don't like to type much. Return the blue bike helmet, refund to paypal. And how much is my open order with the bicycle in total? Just the number please, I'm still thinking about whether to keep it, don't touch it yet.
""", actions=[return_items(o1, item_ids(o1, "Cycling Helmet"), pm(u, "paypal"))],
    facts=[total(o2)],
    tags=["return", "multi", "question", "reference", "no_order_id"])

# 5
u, o1, o2 = "mason_lopez_8519", "#W7752859", "#W9892169"
new = address("4127 Park Road", "Apt 2C", "Charlotte", "NC", "28209")
add(5, u, "Order help", """
I'm Mason Lopez, zip code 28221. Three things, in this order. First, my order that has nothing in it but the silver electric kettle was ordered by mistake, I meant to order a stovetop one and I already have that in my other order. Cancel the electric kettle order and tell me how much comes back to my card. Second, I've moved: my new home address is 4127 Park Road, Apt 2C, Charlotte, NC 28209, please save it on my account. Third, the order with the red helmet and the ceramic tea kettle should be shipped to that new address too.
""", actions=[cancel(o1, "ordered by mistake"), user_address(u, new), order_address(o2, new)],
    facts=[total(o1)],
    tags=["cancel", "user_address", "address", "multi", "question", "reference", "no_order_id"])

# 6
u, o1, o2 = "liam_anderson_5973", "#W2119065", "#W2870123"
s = [swap(o1, "Patio Umbrella", {"color": "green", "tilt mechanism": "auto tilt"})]
add(6, u, "Order help", """
Hello, I'm Liam Anderson and my email is liam.anderson5932@example.com. The red patio umbrella I got with my office chair clashes with everything on the deck. I'd like to exchange it for a green one, same 6 foot size and same olefin fabric. I think the green one only comes with auto tilt, and that's fine with me. Whatever the price difference is, it goes to the card I paid for the umbrella with. While I have you: my espresso machine order is on its way and I lost the email, what's the tracking number?
""", actions=[exchange(o1, s, paid_with(o1))],
    facts=[tracking(o2)],
    tags=["exchange", "tracking", "multi", "question", "reference", "no_order_id"])

# 7
u, o = "yusuf_patel_7767", "#W1052399"
ids = all_items(o, "Digital Camera")
add(7, u, "Order help", """
I'm Yusuf Patel, zip code 94117. I had an order shipped to my old place in Los Angeles. I'd like to send back the tea kettle and the makeup kit from it... actually, you know what, send back everything in that order apart from the digital camera. I'm keeping the camera. My gift card is the only payment method I have, so the refund goes there. What will the total refund be?
""", actions=[return_items(o, ids, pm(u, "gift_card"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "reference", "question", "no_order_id"])

# 8
u = "james_wilson_1842"
add(8, u, "Order help", """
I'm James Wilson, zip code 80224. The two glass bookshelves in my last delivery: one of them has a crack along the side panel and the other is missing its shelf pins. I have spent an evening on this already. I'm not going to deal with a bot over it; I want a human being on your staff to look at this and get back to me. Please don't start any return or exchange for me, just pass this on to a person.
""", disposition="escalate", tags=["handoff", "asks_for_human", "no_order_id"])

# 9
u, o1, o2 = "aarav_gonzalez_5113", "#W9160732", "#W6797115"
add(9, u, "Order help", """
I'm Aarav Gonzalez, email aarav.gonzalez9269@example.com. I have two pending orders. The cheaper of the two went on my gift card, and I'd rather pay for it with my PayPal so the gift card money stays free. Please switch it. Also I need the tracking number for the order with the air purifier and the keyboard that went to San Diego. That's all.
""", actions=[payment(o1, pm(u, "paypal"))], facts=[tracking(o2)],
    tags=["payment", "tracking", "multi", "question", "reference", "no_order_id"])

# 10
u = "ethan_smith_9087"  # the skateboard is in #W4635485, which is processed
add(10, u, "Order help", """
Hi, I'm Ethan Smith, zip code 10280. In the order with my dumbbells, coffee maker and the white bike helmet there's also a 28 inch bamboo skateboard with a graphic deck. My son has grown, so please change that skateboard to the 31 inch one, still bamboo and graphic. I'll pay any difference with PayPal. Please leave my other orders as they are.
""", tags=["refusal", "wrong_state", "no_order_id"])

# 11
u, o = "sophia_jackson_7119", "#W3977493"
s = [swap(o, "Action Camera", {"resolution": "4K", "color": "black"})]
add(11, u, "Order help", """
I'm Sophia Jackson, zip code 77035. I never shoot in 5K and the files fill my laptop in a day. I'd like to exchange the silver action camera from order #W3977493 for a black 4K one that is still waterproof. Use my Mastercard for whatever the difference is. Nothing else from that delivery is changing.
""", actions=[exchange(o, s, pm(u, "credit_card"))],
    tags=["exchange"])

# 12
u, o1, o2 = "amelia_wilson_4614", "#W3062096", "#W9077205"
s = [swap(o1, "Smart Watch", {"color": "gold"})]
add(12, u, "Order help", """
I'm Amelia Wilson, zip code 75215. The smart watch in my order that hasn't shipped yet is silver; I'd like it gold instead, keeping the silicone band and the AMOLED screen. If there's money coming back, put it on my gift card, not PayPal. And I'm doing my paperwork: could you give me the tracking number of the order with the dumbbells that I already received?
""", actions=[modify_items(o1, s, pm(u, "gift_card"))], facts=[tracking(o2)],
    tags=["modify_items", "tracking", "multi", "question", "reference", "no_order_id"])

# 13
u, o = "lucas_martin_7509", "#W5502903"
s = [swap(o, "Bookshelf", {"height": "6 ft"}), swap(o, "Smart Watch", {"band material": "leather"})]
add(13, u, "Order help", """
I'm Lucas Martin, zip code 78753. Two changes to my pending order W5502903 before it goes out. The white glass bookshelf is 5 ft and I'd like the 6 ft one, still white glass. And the black smart watch: I want a leather band rather than silicone, keep it black with the LCD screen. The camera, the puzzle and the t-shirt stay as they are, and those two are all the changes. Charge my Mastercard and let me know how much extra I'm paying altogether.
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "exclusion", "question"])

# 14
u, o = "sophia_nguyen_2370", "#W6070601"
s = [swap(o, "Hiking Boots", {"size": "8"})]
add(14, u, "Order help", """
I'm Sophia Nguyen, zip code 20171. The hiking boots that went to Charlotte are a size 7 and they pinch. I'd like to exchange them for a size 8. Ideally I'd get the waterproof version in size 8, still synthetic; if you don't have that one, then just the size 8 exactly like mine, synthetic and not waterproof. PayPal for the difference either way.
""", actions=[exchange(o, s, pm(u, "paypal"))],
    facts=[available(o, "Hiking Boots", {"size": "8", "waterproof": "yes"}, False)],
    tags=["exchange", "conditional", "reference", "no_order_id"])

# 15
u, o = "juan_kim_6026", "#W5730905"
ids = all_items(o, "Espresso Machine")
add(15, u, "Order help", """
I'm Juan Kim, my email is juan.kim2574@example.com. My order with the espresso machine went to San Antonio for my brother's birthday, but he ended up not wanting the rest of what I ordered. So I want to return everything in that order except the espresso machine, which he's keeping. Refund to my PayPal. Can you also tell me the total I'll get back?
""", actions=[return_items(o, ids, pm(u, "paypal"))], facts=[refund(o, ids)],
    tags=["return", "exclusion", "question", "reference", "no_order_id"])

# 16
u, o = "noah_taylor_8533", "#W2286993"
s = [swap(o, "Portable Charger", {"capacity": "20000mAh"}),
     swap(o, "Skateboard", {"design": "graphic"})]
add(16, u, "Order help", """
I'm Noah Taylor, zip code 85010. I want to make two changes to my pending order with the electric grill. The white USB-C power bank should be the 20000mAh one, same color and output. And the plain bamboo skateboard, make it 28 inch... no wait, keep it 31 inch but with the graphic deck instead of plain, still bamboo. The grill stays. Any money goes on or off my gift card. Will I owe something or get something back, and how much?
""", actions=[modify_items(o, s, pm(u, "gift_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 17
u, o1, o2 = "liam_thomas_7882", "#W3295833", "#W1654931"
add(17, u, "Order help", """
I'm Liam Thomas, zip code 85049. I'm not big on details so I'll keep this short. If my order with the black luggage set and the skateboard hasn't shipped yet, cancel it, I no longer need it. And my pending order with the e-reader and the air purifier was charged to my Visa; move it to PayPal.
""", actions=[cancel(o1, "no longer needed"), payment(o2, pm(u, "paypal"))],
    facts=[status_is(o1, "pending")],
    tags=["cancel", "payment", "multi", "conditional", "reference", "no_order_id"])

# 18
u, o1, o2 = "olivia_ahmed_6778", "#W2609687", "#W3972714"
add(18, u, "Order help", """
I'm Olivia Ahmed, zip code 94152. Oh dear, I set up an order by mistake for my sister, the one with the black kettle, the security camera and the brown pet bed that's headed to Jacksonville. She already bought all of it herself. Please cancel it and tell me how much goes back on my gift card. Oh, and what was the tracking number for my waterproof hiking boots? I want to keep it with the receipt.
""", actions=[cancel(o1, "ordered by mistake")], facts=[total(o1), tracking(o2)],
    tags=["cancel", "tracking", "multi", "question", "reference", "no_order_id"])
