"""people_options_dev: a development set of e-mails asking to change one or two items to another
variant of the same product, written by hand to vary how customers describe the variant they
want (relative sizes, uses, materials and colours in everyday words, options named by what they
are not, "same as before but ...", fallbacks). Exchanges of delivered items and item changes on
pending orders only. Case n is the n-th user of the `options_dev` pool of `build.py`.

This is a DEVELOPMENT set: it may be read and tuned on.
"""
from labels import (available, brief_adder, difference, exchange, modify_items, pm, swap)

CASES = []


add = brief_adder("people-options-dev", CASES)


# 1
u, o = "mason_johansson_2485", "#W3358610"
s = [swap(o, "Wireless Earbuds", {"battery life": "8 hours", "water resistance": "IPX4"})]
add(1, u, "Order help", """
Hi there,

My order with the mountain bike hasn't shipped yet, and I'd like to change the earbuds in it. Keep them blue, but I want the ones that go twice as long on one charge. I've seen those don't come in the fully swim-proof version, so splash/sweat resistant is fine, just not the ones with no water protection at all. Leave the bike alone. Any money back can go on my gift card.

Mason
""", actions=[modify_items(o, s, pm(u, "gift_card"))], tags=["modify_items", "no_order_id"])

# 2
u, o = "yusuf_taylor_7149", "#W2702727"
s = [swap(o, "Bookshelf", {"height": "5 ft"}),
     swap(o, "Yoga Mat", {"thickness": "5mm", "material": "TPE"}, free=("thickness", "material"))]
add(2, u, "Order help", """
Hello, two changes on order W2702727 before it ships please.

1) The white glass bookshelf: I need it one foot taller than what I picked. Still white, still glass.
2) The yoga mat: it has to stay pink (it's for my daughter), but I don't care what it's made of or how thick it is, so whichever other pink one you carry.

Charge or refund the difference on my Visa, and tell me what that difference comes to overall.

Thanks, Yusuf Taylor
""", actions=[modify_items(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["modify_items", "question"])

# 3
u, o = "mason_kovacs_7590", "#W6030855"
s = [swap(o, "Sunglasses", {"frame material": "plastic"})]
add(3, u, "Order help", """
hey, on #W6030855 the sunglasses — I tried a friend's pair with the thin wire frame and hated it on my nose. can you switch mine to the plastic-frame version? otherwise identical: black frame, green lenses, polarized. put whatever difference there is on my gift card. speaker stays as is. thx
""", actions=[modify_items(o, s, pm(u, "gift_card"))], tags=["modify_items"])

# 4
u, o = "yusuf_gonzalez_8900", "#W1679211"
s = [swap(o, "E-Reader", {"screen size": "8-inch"}),
     swap(o, "T-Shirt", {"color": "black", "size": "XL"})]
add(4, u, "Order help", """
Good afternoon,

Two things from my delivered order, the one with the e-reader and the fantasy jigsaw:

- The e-reader's screen is too small for my eyes. I'd like the next size up, the eight inch. Keep it wifi only with the same 8 gigs of storage.
- The blue t-shirt is way too tight. Please send it two sizes bigger, and in black instead of blue. Same cotton, same crew neck.

I'd like to exchange both of these together. Use my PayPal for any difference.

Regards,
Yusuf Gonzalez
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 5
u, o = "aarav_thomas_2711", "#W9767156"
s = [swap(o, "Wall Clock", {"type": "analog"}),
     swap(o, "Electric Kettle", {"color": "black"})]
add(5, u, "Order help", """
Hi! Order #W9767156 is still pending, right? I'd like to tweak two things in it:
the wall clock should be the old-fashioned kind with hands rather than numbers on a screen (same 14 inch, same black), and the steel electric kettle, same 1 litre one, but in black because silver won't match my kitchen.
Everything else in the order stays the same. Use my gift card for whatever the difference is. Thank you!
Aarav
""", actions=[modify_items(o, s, pm(u, "gift_card"))], tags=["modify_items"])

# 6
u, o = "ethan_muller_6097", "#W4398027"
s = [swap(o, "Perfume", {"gender": "men", "size": "100ml"})]
add(6, u, "Order help", """
Hi,

I got the perfume that was delivered to Fort Worth (it came with an art puzzle). It's the unisex oriental one in the tiny bottle. I'd like to exchange it for the men's version of the same oriental scent, and in the largest bottle you sell, a hundred ml. How much extra is that? Put it on my visa.

Ethan Muller
""", actions=[exchange(o, s, pm(u, "credit_card"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 7
u, o = "sophia_lee_8294", "#W7366745"
s = [swap(o, "Grill", {"features": "rotisserie"}),
     swap(o, "E-Reader", {"storage": "32GB"})]
add(7, u, "Order help", """
Hello,
For order #W7366745 (delivered) I'd like to exchange two items:
The charcoal grill, I want the same medium charcoal one but with the rotisserie spit, not the side burner.
The e-reader, same 7 inch with wifi + cellular, but the one with four times the storage.
Please settle the difference through my PayPal account.
Thanks so much,
Sophia
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange"])

# 8
u, o = "yara_moore_6466", "#W8336711"
s = [swap(o, "Smart Thermostat", {"compatibility": "Amazon Alexa"})]
add(8, u, "Order help", """
Hi, the smart thermostat from order W8336711 only talks to Google and everything in our house runs on Alexa. Could I swap it for one that works with my Alexa? Black is still good, same as the one I have. Any refund to my Mastercard ending 8254 please.

Yara
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange"])

# 9
u, o = "olivia_jackson_1219", "#W6975922"
s = [swap(o, "Mechanical Keyboard", {"switch type": "linear"}),
     swap(o, "Wireless Earbuds", {"battery life": "8 hours"})]
add(9, u, "Order help", """
Hi,

My roommate will murder me if I bring home a clicky keyboard. On my pending order #W6975922, please change the keyboard to the one with the smooth linear switches — not the clicky ones, and not the bumpy tactile ones either. Keep it the 80% size with no backlight.

While you're at it, the blue earbuds in that same order: I'd like the version with the 8 hour battery instead of 6. Still blue, same water resistance.

PayPal for any difference. That's all for that order.

Olivia Jackson
""", actions=[modify_items(o, s, pm(u, "paypal"))], tags=["modify_items"])

# 10
u, o = "sofia_davis_2103", "#W2112666"
s = [swap(o, "Water Bottle", {"color": "green"})]
add(10, u, "Order help", """
hi, about the glass water bottle that arrived with my makeup kit. its the small blue 500 ml one. Id really like the big one liter bottle in the same blue glass. if you dont have that one, then just give me the same small glass bottle in green instead. use my gift card for the difference, thanks

sofia
""", actions=[exchange(o, s, pm(u, "gift_card"))],
    facts=[available(o, "Water Bottle", {"capacity": "1000ml"}, False)],
    tags=["exchange", "conditional", "no_order_id", "typos"])

# 11
u, o = "sophia_hernandez_2054", "#W4614740"
s = [swap(o, "Wristwatch", {"strap material": "silicone"})]
add(11, u, "Order help", """
Dear support,

Before my order W4614740 ships: the wristwatch has a metal bracelet and it catches on my sleeves. I would like the same watch with the blue dial but on the soft rubbery silicone sports strap. Please take the extra from my gift card.

Kind regards,
Sophia Hernandez
""", actions=[modify_items(o, s, pm(u, "gift_card"))], tags=["modify_items"])

# 12
u, o = "amelia_rossi_5121", "#W8255453"
s = [swap(o, "Laptop", {"processor": "i7", "ram": "32GB"}, free=("color",))]
add(12, u, "Order help", """
Hi,

I'm having second thoughts about the laptop in my pending order #W8255453. I still want the seventeen inch screen and the one terabyte SSD, but I need something beefier: an i7 with thirty-two gigs of RAM. I don't mind the colour at all. The t-shirt in that order stays as it is. Refund any difference to my Visa ending 9402.

Amelia
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items"])

# 13
u, o = "sophia_wilson_7936", "#W8209112"
s = [swap(o, "LED Light Bulb", {"color temperature": "daylight"}),
     swap(o, "Indoor Security Camera", {"resolution": "4K", "connectivity": "Ethernet"})]
add(13, u, "Order help", """
Hello,

I'd like to exchange two things from my San Francisco delivery (the one with the laptop and the dumbbells):

The smart light bulb gives off that yellowish cozy light. I want the cool, bright daylight-coloured one instead, same wattage and still controllable over wifi.

The indoor camera's picture is too blurry. Please swap it for the 4K one with the same 130 degree view. I understand that one plugs in with a network cable instead of wifi, that's OK.

Use my Mastercard for whatever difference there is.

Sophia Wilson
""", actions=[exchange(o, s, pm(u, "credit_card"))], tags=["exchange", "no_order_id"])

# 14
u, o = "sofia_rossi_8776", "#W5918442"
s = [swap(o, "Action Camera", {"color": "black"}, where={"resolution": "4K"}),
     swap(o, "Action Camera", {"color": "black", "waterproof": "no"}, where={"resolution": "5K"})]
add(14, u, "Order help", """
Hi, in my pending order #W5918442 I have two action cameras, both silver. I'd like both in black:
- the 4K one: just black instead of silver, still waterproof.
- the 5K one: black as well. I know the black 5K is not waterproof, and that's fine for that one.
Keep the perfume and the skateboard as they are. Bill my Mastercard.
Sofia
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items"])

# 15
u, o = "yusuf_khan_7091", "#W1787190"
s = [swap(o, "Headphones", {"type": "over-ear"}, free=("color",))]
add(15, u, "Order help", """
Salam,

The blue headphones in my order #W1787190 are the in-ear type and those hurt my ears. Can you change them to the big kind that go over the ears? Still wireless. Color doesn't matter to me. PayPal for the difference.

Yusuf Khan
""", actions=[modify_items(o, s, pm(u, "paypal"))], tags=["modify_items"])

# 16
u, o = "lei_hernandez_8500", "#W6146740"
s = [swap(o, "Hiking Boots", {"waterproof": "yes"})]
add(16, u, "Order help", """
Hello, my leather hiking boots (size 12) from order #W6146740 got soaked through on the first hike. I'd like to exchange them for the same boots but the waterproof version, same leather and same size. Refund any difference to my gift card. Thanks. Lei
""", actions=[exchange(o, s, pm(u, "gift_card"))], tags=["exchange"])

# 17
u, o = "evelyn_patel_8882", "#W6385395"
s = [swap(o, "Fleece Jacket", {"size": "L"}),
     swap(o, "T-Shirt", {"size": "S"}, free=("material", "style"))]
add(17, u, "Order help", """
Hi! I ordered for the wrong person, oops. In my pending order with the fleece and the t-shirt:

* the red half-zip fleece is a small; I need a large (I know there's no medium in red). Same red, same half zip.
* the purple tee is XL and should be a small. Keep it purple; fabric and neckline don't matter.

Same order for both, PayPal for the difference. Thanks a bunch!!
Evelyn
""", actions=[modify_items(o, s, pm(u, "paypal"))], tags=["modify_items", "no_order_id"])

# 18
u, o = "raj_kovacs_9859", "#W1473345"
s = [swap(o, "Coffee Maker", {"type": "drip", "features": "timer"})]
add(18, u, "Order help", """
The french press coffee maker I got (order W1473345) is too much work in the morning. I want to swap it for a drip one that I can set on a timer the night before. Still a single-cup, still black. What's the price difference? Charge my PayPal.

- Raj
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question"])

# 19
u, o = "daiki_silva_5033", "#W1579160"
s = [swap(o, "Electric Kettle", {"capacity": "2L"})]
add(19, u, "Order help", """
Hello,

For my order #W1579160, which has not shipped yet, please change the white glass electric kettle from the one-and-a-half litre size to the two litre size. Same white glass. Nothing else in the order changes (the stovetop tea kettle stays as it is). Please use my PayPal.

Daiki Silva
""", actions=[modify_items(o, s, pm(u, "paypal"))], tags=["modify_items"])

# 20
u, o = "mia_thomas_4629", "#W6872071"
s = [swap(o, "Pet Bed", {"size": "medium"})]
add(20, u, "Order help", """
Hi! My puppy already outgrew the dog bed that came with my grill and espresso machine order. Could I exchange it for the next size up? Same grey fleece. PayPal for any difference. Thank you!! Mia
""", actions=[exchange(o, s, pm(u, "paypal"))], tags=["exchange", "no_order_id"])

# 21
u, o = "mei_gonzalez_4785", "#W2052757"
s = [swap(o, "Grill", {"features": "none"})]
add(21, u, "Order help", """
hi, order #W2052757 hasnt shipped yet i think. the portable gas grill in it has the side burner and i wont use that, i want the plain version with no extras at all. still gas, still portable. charge my visa card for the difference.
Mei
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items", "typos"])

# 22
u, o = "ava_johnson_5052", "#W9178204"
s = [swap(o, "Desk Lamp", {"power source": "AC adapter"})]
add(22, u, "Order help", """
Hello,

The black desk lamp I received runs off USB, and my desk has no free USB port. I'd like to exchange it for the version that plugs straight into a wall outlet, with everything else the same (black, medium brightness). Could you tell me how much I'd get back? Refund it to my PayPal.

Thank you,
Ava Johnson
""", actions=[exchange(o, s, pm(u, "paypal"))], facts=[difference(o, s)],
    tags=["exchange", "question", "no_order_id"])

# 23
u, o = "lei_ahmed_1705", "#W3931703"
s = [swap(o, "Electric Kettle", {"color": "black"}, where={"capacity": "1.5L"})]
add(23, u, "Order help", """
Hi, I have two white electric kettles in order #W3931703. The smaller one, the plastic 1.5 litre, should be black instead. Same size and material. Leave the bigger steel kettle, the hose and the speaker as they are. Use my Mastercard. Lei Ahmed
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items"])

# 24
u, o = "lei_patel_5376", "#W4172216"
s = [swap(o, "Skateboard", {"length": "31 inch"})]
add(24, u, "Order help", """
Hey, my son says the skateboard in my order W4172216 is too long for him. Could you switch it to one three inches shorter? Keep the maple deck and the printed graphic design, all else the same. Mastercard for the difference, thanks.

Lei Patel
""", actions=[modify_items(o, s, pm(u, "credit_card"))], tags=["modify_items"])
