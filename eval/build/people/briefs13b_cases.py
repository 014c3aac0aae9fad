"""people_briefs13, second part (ids 19-36): e-mails written by hand, one per user of the
`briefs13b` pool of `build.py` (case 18+n is the pool's n-th user), by a writer who read only
the store (`data/retail`), `labels.py`, `build.py`, the first lines of `briefs2_cases.py` for
the format and the README's sections on the case format and the labels.

Style asked for: careful customers who write exact, structured e-mails. They put each change on
its own line or as a numbered point, give options as the product page shows them, often ask for
two or three changes across different orders, some with a condition on availability or price,
and ask for the amounts. Orders are mostly described rather than named by id ("the order going
to San Diego", "the more expensive of my open orders"). A few add a sentence of context; some
identify themselves in the first line, others sign with name and zip code. Two e-mails ask only
for what the store does not allow, and two mix an allowed request with one it does not.

This file is data (18 e-mails, each with its label).
"""
from labels import (address, address_of, all_items, available, balance, brief_adder, cancel,
                    default_address, difference, exchange, item_ids, modify_items,
                    order_address, payment, pm, price, refund, return_items, status_is, swap,
                    total, tracking, user_address)

CASES = []


add = brief_adder("people-briefs13", CASES)


# 19: both open orders have already been processed; nothing can be changed.
u = "mei_li_2872"
add(19, u, "Two changes to orders that haven't arrived yet", """
Hello,

This is Mei Li (zip 92149). I'd like two changes, please:

1. The order with the rose gold smartphone, the white earbuds and the indoor security camera: change the smartphone to the black one with 128GB storage, 8GB RAM and the 5.8-inch screen.
2. The order that is going to the Fort Worth address (desk lamp, action camera, perfume, wall clock, notebook): please send it to my home address in San Diego instead.

If either of these is no longer possible because the order is already on its way, just tell me and leave it as it is. I don't want anything cancelled.

Thank you,
Mei
""", tags=["refusal", "wrong_state", "multi", "reference", "no_order_id"])

# 20: a return from the delivered order; the boots in the processed order cannot be changed.
u, o1, o2 = "sofia_ito_7804", "#W6075915", "#W4825004"
ids = all_items(o1, "Skateboard")
add(20, u, "Return + a size question", """
Hi, Sofia Ito here, zip code 94125.

From the order that was delivered (fleece jacket, yoga mat, skateboard) I want to send back everything except the skateboard. Please refund it to the Visa ending 8566, which is the card I paid with. How much will the refund be?

Second: in my other order, the one with the digital camera and the water bottle, the hiking boots are size 7 and I need size 9 (same leather, waterproof). If that order can't be changed anymore, leave it alone and let me know; I'll deal with the boots when they come.

Best,
Sofia
""", actions=[return_items(o1, ids, pm(u, "credit_card", last_four="8566"))],
    facts=[refund(o1, ids)],
    tags=["return", "exclusion", "question", "refusal", "wrong_state", "multi", "no_order_id"])

# 21: two item changes in the one pending order, the keyboard only under a price bound.
u, o = "fatima_lee_3440", "#W8098147"
s = [swap(o, "Electric Toothbrush", {"battery type": "rechargeable"}),
     swap(o, "Mechanical Keyboard", {"size": "full size"})]
add(21, u, "Changes to my pending order (keyboard, toothbrush, sneakers)", """
Dear support,

I have an order that hasn't shipped yet with a mechanical keyboard, an electric toothbrush and gray sneakers. Before it goes out I'd like to change two things:

- Electric toothbrush: keep black and high speed, but battery type "rechargeable" instead of AA batteries.
- Mechanical keyboard: keep the linear switches and RGB backlight, but size "full size" instead of 80%. Only do this one if the full-size keyboard costs no more than $50 over what I paid for the 80% one; otherwise keep the 80%.

The sneakers stay as they are. These are all the changes for this order. Charge or refund any difference on my Visa ending 1827.

Please tell me the price of the full-size keyboard and the total difference for the order.

Fatima Lee
San Jose, CA 95109
""", actions=[modify_items(o, s, pm(u, "credit_card"))],
    facts=[price(o, "Mechanical Keyboard", {"size": "full size"}), difference(o, s)],
    tags=["modify_items", "question", "no_order_id"])

# 22: cancel the order going to San Diego; a puzzle change in the small pending order.
u, o1, o2 = "omar_muller_7891", "#W8642391", "#W7044833"
s = [swap(o2, "Jigsaw Puzzle", {"pieces": "1500"})]
add(22, u, "Cancel one order, change a puzzle", """
Hi,

Omar Muller, 60628. Two requests:

1) Cancel the order that is going to 158 Hillcrest Drive in San Diego (keyboard, red fleece jacket, hiking boots, white bookshelf). I ordered it by mistake - it was meant to be a gift list, not a purchase. How much will go back to my gift card?

2) In my small pending order with the notebook and the jigsaw puzzle, change the puzzle from 500 pieces to 1500 pieces. Keep the art theme and intermediate difficulty. Use the gift card for any difference.

Nothing else needs to change.

Thanks,
Omar
""", actions=[cancel(o1, "ordered by mistake"), modify_items(o2, s, pm(u, "gift_card"))],
    facts=[total(o1)],
    tags=["cancel", "modify_items", "multi", "reference", "question", "no_order_id"])

# 23: asks to drop one item from a pending order and keep the rest: the policy has no such
# change (only options, address, payment, or cancelling the whole order).
u = "harper_khan_8862"
add(23, u, "Remove one item from my order", """
Hello,

My name is Harper Khan and my zip code is 85063.

I have a pending order with a wall clock, a tea kettle, blue wireless earbuds and a white desk lamp. I found a desk lamp locally, so I'd like you to take the desk lamp out of the order and refund me for it. Everything else in the order should ship as planned.

Please do not cancel the whole order - I need the other three items. If removing the lamp alone isn't something you can do, then leave the order exactly as it is.

Regards,
Harper Khan
""", tags=["refusal", "no_order_id"])

# 24: cancel the helmet order; grill change; running shoes only if size 9 exists as they are.
u, o1, o2 = "evelyn_lopez_5487", "#W1890669", "#W3007862"
s = [swap(o2, "Grill", {"size": "portable"})]
add(24, u, "Helmet order + grill/shoes order", """
Hello, this is Evelyn Lopez (92195).

My black helmet arrived and fits, so I don't need the second one.

(a) Please cancel the pending order with just the blue cycling helmet - no longer needed. What amount will be refunded?

(b) In my other pending order (running shoes and the grill):
   - Grill: change from medium to portable. Keep it electric with the side burner.
   - Running shoes: if you have exactly the same shoe (white, leather, EVA sole) in size 9, change them to size 9. If that exact shoe isn't available in 9, leave the size 10.

Use my Mastercard for any difference, and tell me what the grill change comes to.

Evelyn
""", actions=[cancel(o1, "no longer needed"), modify_items(o2, s, pm(u, "credit_card"))],
    facts=[total(o1), difference(o2, s),
           available(o2, "Running Shoes", {"size": "9"}, False)],
    tags=["cancel", "modify_items", "multi", "conditional", "question", "no_order_id"])

# 25: payment change of the most expensive pending order; a T-shirt change in another.
u, o1, o2 = "raj_lopez_5873", "#W5107138", "#W7162915"
s = [swap(o2, "T-Shirt", {"size": "XL", "material": "cotton"})]
add(25, u, "Payment and a t-shirt", """
Raj Lopez, zip 76195.

I have three orders that haven't shipped. Two things:

1. The most expensive of the three - please move it from my Mastercard to my PayPal account.
2. In the order with the vacuum cleaner and the T-shirt: the T-shirt is black, size S, polyester, crew neck. Please change it to black, size XL, cotton, crew neck. Any difference goes to/from PayPal as well.

Don't touch the vacuum. What is the price difference on the T-shirt?

Thanks
""", actions=[payment(o1, pm(u, "paypal")), modify_items(o2, s, pm(u, "paypal"))],
    facts=[difference(o2, s)],
    tags=["payment", "modify_items", "multi", "reference", "question", "no_order_id"])

# 26: return the earbuds from the delivered laptop order; pay the pending order by Mastercard.
u, o1, o2 = "sophia_patel_6833", "#W2923184", "#W7905419"
ids = item_ids(o1, "Wireless Earbuds")
add(26, u, "Earbuds return and a card switch", """
Hi there,

I'm writing about two of my orders.

- Delivered order (laptop + blue wireless earbuds): I'm keeping the laptop but returning the earbuds. Refund to the Mastercard ending 1639, the card I used for that order. Please confirm the refund amount.
- Pending order (perfume, tea kettle, electric kettle, sneakers): it's on my Visa ending 8025 right now. Please switch it to the Mastercard ending 1639 instead.

That's all for now.

Sophia Patel
624 Cedar Avenue, Fort Worth TX 76169
""", actions=[return_items(o1, ids, pm(u, "credit_card", last_four="1639")),
              payment(o2, pm(u, "credit_card", last_four="1639"))],
    facts=[refund(o1, ids)],
    tags=["return", "payment", "multi", "question", "no_order_id"])

# 27: the only order goes to Houston: send it home; thermostat change; the blue mat does not
# exist in 6mm PVC, so the mat stays.
u, o = "harper_thomas_9402", "#W7425646"
s = [swap(o, "Smart Thermostat", {"compatibility": "Google Assistant"})]
add(27, u, "Address + thermostat on my open order", """
Hello,

I'm Harper Thomas. My order with the yoga mat and the smart thermostat is set to ship to 426 Park Avenue in Houston, but I'm not there anymore. Please change it to my home address on my account: 367 Spruce Street, Suite 642, Los Angeles, CA 90891.

In the same order:
* Smart thermostat: change from Apple HomeKit to Google Assistant, still black.
* Yoga mat: if the same 6mm PVC mat exists in blue, switch it from green to blue. If blue only comes in a different thickness or material, keep the green one.

Put any difference on my Visa ending 5768 and tell me the amount. Those are all the changes.

Thank you,
Harper
""", actions=[order_address(o, default_address(u)), modify_items(o, s, pm(u, "credit_card", brand="visa"))],
    facts=[difference(o, s), available(o, "Yoga Mat", {"color": "blue"}, False)],
    tags=["address", "modify_items", "multi", "conditional", "question", "no_order_id"])

# 28: exchange the helmet with a fallback under a price cap; change one of two puzzles.
u, o1, o2 = "yara_johansson_1629", "#W9994227", "#W3372648"
s1 = [swap(o1, "Cycling Helmet", {"size": "M", "ventilation": "high"})]
s2 = [swap(o2, "Jigsaw Puzzle", {"pieces": "1500", "difficulty level": "intermediate"},
           where={"pieces": "2000"})]
add(28, u, "Helmet exchange and a puzzle change", """
Hi,

Yara Johansson here (zip 76114). Paying with my Mastercard for everything below.

Helmet (delivered, size S blue, low ventilation) - it's too small:
  First choice: size M, blue, low ventilation.
  If that one isn't available: size M, blue, high ventilation, but only if it costs no more than $15 more than I paid. If it's more than that, forget the exchange.

Puzzles (my order with the wristwatch and office chair, not shipped yet): there are two puzzles in it. Change the 2000-piece art puzzle (beginner) to the 1500-piece art puzzle, intermediate difficulty. The 1000-piece fantasy one stays as it is.

Could you tell me what the helmet exchange costs me and what the new puzzle's price is?

Thank you!
""", actions=[exchange(o1, s1, pm(u, "credit_card")), modify_items(o2, s2, pm(u, "credit_card"))],
    facts=[available(o1, "Cycling Helmet", {"size": "M"}, False), difference(o1, s1),
           price(o2, "Jigsaw Puzzle", {"pieces": "1500", "difficulty level": "intermediate"},
                 where={"pieces": "2000"})],
    tags=["exchange", "modify_items", "multi", "conditional", "question", "no_order_id"])

# 29: return everything but the mouse; move the account address.
u, o = "noah_brown_6181", "#W7678072"
ids = all_items(o, "Gaming Mouse")
new = address("1870 Juniper Street", "Unit 4", "Boulder", "CO", "80304")
add(29, u, "Moving + a return", """
Hello,

Noah Brown, currently 986 Sunset Drive, Denver 80279. I'm moving at the end of the month.

1. Please update the address on my account to:
   1870 Juniper Street, Unit 4
   Boulder, CO 80304
   USA

2. From my delivered order with the kettle, the gaming mouse and the backpack, I'd like to return everything except the gaming mouse. The refund should go back to PayPal, which is what I paid with. How much will I get back?

Thanks,
Noah
""", actions=[user_address(u, new), return_items(o, ids, pm(u, "paypal"))],
    facts=[refund(o, ids)],
    tags=["user_address", "return", "exclusion", "multi", "question", "no_order_id"])

# 30: account address to the Seattle address the pending order ships to; keyboard change.
u, o = "noah_patel_6952", "#W1845024"
s = [swap(o, "Mechanical Keyboard", {"backlight": "white"})]
add(30, u, "New home address + keyboard", """
Hi,

I moved from New York to Seattle. My open order is already going to the new place, but my account still has the old New York address.

- Please make my account's default address the same Seattle address that my pending order is being shipped to.
- In that pending order, the mechanical keyboard: keep tactile switches and full size, but change the backlight from none to white.

Nothing else in the order changes. Use PayPal for the difference, and tell me what it is.

Noah Patel
zip (old) 10108
""", actions=[user_address(u, address_of(o)), modify_items(o, s, pm(u, "paypal"))],
    facts=[difference(o, s)],
    tags=["user_address", "modify_items", "multi", "reference", "question", "no_order_id"])

# 31: pending order to the home address; exchange one of two smart watches; gift card balance.
u, o1, o2 = "amelia_patel_7834", "#W2079779", "#W6497157"
s = [swap(o2, "Smart Watch", {"display": "LCD"}, where={"color": "silver"})]
add(31, u, "Address, a watch, and my gift card", """
Hello,

Amelia Patel, zip 85051.

1. My pending order with the action camera and sunglasses is going to 985 Pine Lane. Please send it to my home address on file, 923 Elm Street, Suite 362, Phoenix.
2. From my delivered order I have two smart watches. I'd like to exchange the silver one (leather band, AMOLED) for the silver one with leather band and LCD display. The black watch and the sunglasses stay. Use my gift card for the difference.
3. What is my gift card balance right now, before any of this?

Please also tell me the price difference on the watch.

Thank you,
Amelia
""", actions=[order_address(o1, default_address(u)), exchange(o2, s, pm(u, "gift_card"))],
    facts=[balance(u, pm(u, "gift_card")), difference(o2, s)],
    tags=["address", "exchange", "multi", "question", "no_order_id"])

# 32: exchange two items of the delivered order; refund of a cancelled order.
u, o1, o2 = "harper_kovacs_9747", "#W6221400", "#W3876856"
s = [swap(o1, "Perfume", {"gender": "men"}), swap(o1, "Water Bottle", {"color": "red"})]
add(32, u, "Exchange two items", """
Good afternoon,

I'd like to exchange two items from my delivered order (air purifier, perfume, water bottle):

  Perfume: oriental, 30ml, unisex  ->  oriental, 30ml, men
  Water bottle: 750ml, stainless steel, blue  ->  750ml, stainless steel, red

The air purifier stays. Please settle the difference with my gift card and tell me the net amount.

Also, for my records: how much was refunded for the order I cancelled that was going to San Francisco?

Harper Kovacs
859 Chestnut Street, New York, NY 10206
""", actions=[exchange(o1, s, pm(u, "gift_card"))],
    facts=[difference(o1, s), total(o2)],
    tags=["exchange", "question", "no_order_id"])

# 33: exchange the delivered boots; cancel the pending order with the dumbbells.
u, o1, o2 = "amelia_silva_7726", "#W7773202", "#W7342738"
s = [swap(o1, "Hiking Boots", {"size": "11"})]
add(33, u, "Boots size + cancelling an order", """
Hi,

Amelia Silva, Philadelphia, zip 19117.

Two things:

1. The hiking boots (size 12, leather, waterproof) that came in their own order are too big. I'd like to exchange them for size 11, same leather and waterproof. Use my gift card for any difference, and tell me how much that is.

2. Please cancel my pending order with the electric toothbrush, water bottle, earbuds and dumbbell set. It is no longer needed. How much goes back to the gift card?

I am keeping my other pending order (keyboard and phone) as it is.

Thanks,
Amelia Silva
""", actions=[exchange(o1, s, pm(u, "gift_card")), cancel(o2, "no longer needed")],
    facts=[difference(o1, s), total(o2)],
    tags=["exchange", "cancel", "multi", "question", "no_order_id"])

# 34: the Dallas order to the Indianapolis address of the boots order; the Washington order is
# processed and cannot be cancelled (its tracking number is asked for).
u, o1, o2, o3 = "yusuf_hernandez_6785", "#W2466703", "#W6832752", "#W1994898"
add(34, u, "Shipping address and a cancellation", """
Hello,

I'm Yusuf Hernandez, 580 Broadway, Denver, 80265.

1. My order going to Dallas (grill, bookshelf, fleece jacket) should go to the same address as my order with only the hiking boots, the one going to Indianapolis. Please update it.

2. Please cancel the order going to Washington DC (hiking boots and smartphone) - I no longer need it. If it has already been sent and can't be cancelled, don't do anything with it, just give me its tracking number.

Regards,
Yusuf
""", actions=[order_address(o1, address_of(o2))],
    facts=[status_is(o3, "processed"), tracking(o3)],
    tags=["address", "tracking", "question", "refusal", "wrong_state", "multi", "reference", "conditional",
          "no_order_id"])

# 35: exchange the T-shirt (red XL does not exist, black XL does); cancel the pending order
# whose vacuum is the bagless HEPA one.
u, o1, o2 = "sofia_thomas_1518", "#W3388163", "#W2297866"
s = [swap(o1, "T-Shirt", {"size": "XL", "color": "black"})]
add(35, u, "T-shirt exchange and a cancellation", """
Sofia Thomas - zip 75307.

Hello, two requests please.

First, the red crew-neck cotton T-shirt from my delivered order is size XXL and too big.
 - If you have it in red, crew neck, cotton, size XL, exchange it for that.
 - If red isn't available in XL, exchange it for black, crew neck, cotton, size XL.
PayPal for any difference.

Second, I have two pending orders with a vacuum cleaner. Cancel the one whose vacuum is the bagless one with the HEPA filter (it also has a dumbbell set). I ordered that by mistake. The other pending order stays.

Please tell me the difference on the shirt and the refund for the cancelled order.

Thank you
""", actions=[exchange(o1, s, pm(u, "paypal")), cancel(o2, "ordered by mistake")],
    facts=[available(o1, "T-Shirt", {"size": "XL"}, False), difference(o1, s), total(o2)],
    tags=["exchange", "cancel", "multi", "conditional", "reference", "question", "no_order_id"])

# 36: pending order: PayPal, then a makeup kit change; return the boots from the delivered one.
u, o1, o2 = "amelia_ito_8772", "#W3883329", "#W3733909"
s = [swap(o1, "Makeup Kit", {"brand": "Brand B"})]
ids = item_ids(o2, "Hiking Boots")
add(36, u, "Three changes", """
Hello,

Amelia Ito here (Jacksonville, 32184). Three changes:

1. Pending order going to Seattle (fleece jacket, cycling helmet, makeup kit, digital camera): change the payment from my Mastercard to my PayPal.
2. In that same order, the makeup kit: light skin tone, professional size, but Brand B instead of Brand A. Difference on PayPal. That is the only item I want changed.
3. From the delivered order that went to Columbus, return the hiking boots (size 9, synthetic). Refund to the Mastercard ending 7517 that paid for it.

Please tell me the makeup kit difference and the boots refund.

Thanks,
Amelia Ito
""", actions=[payment(o1, pm(u, "paypal")), modify_items(o1, s, pm(u, "paypal")),
              return_items(o2, ids, pm(u, "credit_card", last_four="7517"))],
    facts=[difference(o1, s), refund(o2, ids)],
    tags=["payment", "modify_items", "return", "multi", "question", "reference", "no_order_id"])
