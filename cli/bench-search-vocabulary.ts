/**
 * Support vocabulary for the search benchmark: the 27 intents of the Bitext customer-support
 * set (names, typical phrasings, reply sentences), written out so the CLI never reads
 * ../shared at run time, and the qualifiers, openers, closers and tags templates vary by.
 */
export type Intent = {
  category: string;
  names: string[];
  triggers: string[];
  sentences: string[];
};

export const INTENTS: Intent[] = [
  intent(
    "Orders",
    "Cancel order|Order cancellation|Cancel purchase",
    "cancel order|cancel my purchase|stop my order",
    "You can cancel your order {order_id} from your order details by clicking Cancel Order.|Orders that have not shipped yet are cancelled right away and refunded in full.",
  ),
  intent(
    "Orders",
    "Change order|Modify order|Edit items in order",
    "change my order|swap an item|remove items from order",
    "To change order {order_id}, open your order history and select the order you wish to modify.|Changes are possible within a limited time after placing the order.",
  ),
  intent(
    "Shipping",
    "Change shipping address|Update delivery address|Correct address",
    "change address|wrong delivery address|modify my address",
    "You can change your shipping address under My Account, Shipping Addresses.|If the parcel has not shipped yet, we update the address for you.",
  ),
  intent(
    "Cancellation fees",
    "Cancellation fee|Early termination penalty|Termination charges",
    "cancellation fee|termination penalty|early termination",
    "Cancellation fees depend on the status of your order and your plan.|You find the fee for your subscription in your account under Billing.",
  ),
  intent(
    "Invoices",
    "Check invoice|Find my bill|Invoice lookup",
    "check invoice|find my bill|look at my invoice",
    "Your invoice {invoice_number} is in the Order History section of your account.|We can send a paper copy of any invoice on request.",
  ),
  intent(
    "Payments",
    "Payment methods|Accepted payment options|How to pay",
    "payment methods|payment options|pay with paypal",
    "We accept credit cards, PayPal and bank transfers.|All payment options are listed at checkout.",
  ),
  intent(
    "Refunds",
    "Refund policy|Returns and refunds policy|When can I get a refund",
    "refund policy|money back|can i get reimbursed",
    "Our refund policy is described on the Returns and Refunds page.|Items can be returned within 30 days for a full refund.",
  ),
  intent(
    "Feedback",
    "Complaint received|Customer complaint|Escalated complaint",
    "file a complaint|not satisfied|complain about service",
    "We are truly sorry that you are not satisfied with our service.|Your complaint has been escalated to a team lead who will reply within {response_time}.",
  ),
  intent(
    "Contact",
    "Contact customer service|Support opening hours|Reach support",
    "contact support|customer service hours|call support",
    "You can reach customer service by email at support@example.com or by phone.|Our team is available Monday to Friday, 9 am to 6 pm.",
  ),
  intent(
    "Contact",
    "Talk to a human agent|Live agent handoff|Speak to a person",
    "human agent|talk to a person|real person",
    "I am transferring you to a human agent now.|A colleague from the support team will join this conversation shortly.",
  ),
  intent(
    "Account",
    "Create account|Sign up help|New account registration",
    "create account|sign up|open an account",
    "To create an account, click Sign Up on our homepage and follow the steps.|Premium and Gold accounts can be upgraded at any time.",
  ),
  intent(
    "Account",
    "Delete account|Close my account|Account deletion",
    "delete my account|close account|remove my profile",
    "We can delete your account on request; this is permanent and cannot be undone.|Before we close it, please download any invoices you need.",
  ),
  intent(
    "Shipping",
    "Delivery options|Shipping methods|Express delivery",
    "delivery options|express shipping|same day delivery",
    "We offer standard, expedited and same-day delivery.|All delivery options and their costs are shown at checkout.",
  ),
  intent(
    "Shipping",
    "Delivery time|Shipping time estimate|When will my parcel arrive",
    "how long delivery|delivery time|when will it arrive",
    "Standard delivery takes 3 to 5 business days.|Delivery times vary with location and product availability.",
  ),
  intent(
    "Account",
    "Edit account details|Update profile|Change account information",
    "edit account|update my details|change my email",
    "You can edit your account details under My Account after signing in.|Changes to your email address need to be confirmed from the new address.",
  ),
  intent(
    "Invoices",
    "Download invoice|Get invoice copy|Invoice PDF",
    "download invoice|invoice copy|get my bill",
    "You can download invoice {invoice_number} as a PDF from your order history.|Invoices are issued in {currency} and include VAT.",
  ),
  intent(
    "Refunds",
    "Request a refund|Refund request|Get my money back",
    "request refund|get refund|want my money back",
    "To request a refund, visit the Returns and Refunds page or reply to this message.|Refunds are issued to the original payment method.",
  ),
  intent(
    "Marketing",
    "Newsletter subscription|Subscribe to newsletter|Unsubscribe newsletter",
    "newsletter|subscribe|unsubscribe emails",
    "Enter your email address in the subscription box on our homepage to subscribe.|You can unsubscribe at any time with the link in every newsletter.",
  ),
  intent(
    "Payments",
    "Payment failed|Payment error|Card declined",
    "payment failed|card declined|cannot pay",
    "We are sorry your payment did not go through.|Please check your card details or try another payment method.",
  ),
  intent(
    "Orders",
    "Place an order|How to order|Buying help",
    "place order|buy items|how do i order",
    "Add the items to your cart, go to checkout and follow the steps.|You receive a confirmation email with your order number {order_id}.",
  ),
  intent(
    "Account",
    "Reset password|Forgot password|Recover password",
    "forgot password|reset password|cannot log in",
    "Click Forgot Password on the sign-in page to reset your password.|The reset link in the email is valid for 24 hours.",
  ),
  intent(
    "Account",
    "Registration problems|Sign up error|Cannot register",
    "registration error|signup problem|cannot register",
    "Sorry you had trouble registering.|Please try again in a private window, or send us a screenshot of the error.",
  ),
  intent(
    "Feedback",
    "Leave a review|Product review|Rate your purchase",
    "leave a review|write a review|feedback",
    "We appreciate your feedback!|You can review a product from its page by clicking Write a Review.",
  ),
  intent(
    "Shipping",
    "Set up shipping address|Add a second address|Saved addresses",
    "add address|new shipping address|second address",
    "You can add more shipping addresses under My Account, Shipping Addresses.|Choose the address for each order at checkout.",
  ),
  intent(
    "Account",
    "Switch account|Use another profile|Change active account",
    "switch account|other profile|log in as",
    "To switch accounts, sign out and sign in with the other account.|Team accounts can switch profiles from the menu.",
  ),
  intent(
    "Orders",
    "Order status|Track my order|Where is my order",
    "order status|where is my order|tracking",
    "Hi {customer.first_name}! Your order {order_id} is currently {order_status}.|You can follow it with the tracking link in your confirmation email.",
  ),
  intent(
    "Refunds",
    "Refund status|Track refund|Where is my refund",
    "refund status|track refund|refund not received",
    "Your refund of {refund_amount} was issued on {refund_date}.|Banks usually need 5 to 10 business days to show it on your statement.",
  ),
];

export const QUALIFIERS = [
  "",
  "",
  "premium plan",
  "gift cards",
  "EU customers",
  "US customers",
  "marketplace sellers",
  "business accounts",
  "after 30 days",
  "first reply",
  "follow-up",
  "weekend",
  "holiday season",
  "mobile app",
  "subscription",
  "pre-order",
  "damaged item",
  "missing parcel",
  "VIP",
  "wholesale",
  "student discount",
  "backorder",
];
export const OPENERS = [
  "Hi {customer.first_name},",
  "Hello {customer.first_name|there},",
  "Thanks for reaching out!",
  "Thank you for contacting {workspace.name}.",
  "Good news!",
];
export const CLOSERS = [
  "Best regards, {agent.name}",
  "Let us know if there is anything else we can do.",
  "Have a great day!",
  "Kind regards, the support team",
  "We are here to help.",
];
export const GENERIC = [
  "We appreciate your patience.",
  "This usually takes less than a minute.",
  "Please keep your order number at hand.",
  "You will receive an email confirmation.",
  "Our help center has a step-by-step guide.",
  "Customers in the EU have a 14-day withdrawal right.",
  "Warehouse delays can add one or two days.",
  "Loyalty points are credited after delivery.",
];
export const CORPUS_TAGS = [
  "billing",
  "shipping",
  "account",
  "urgent",
  "vip",
  "macro",
  "legacy",
  "holiday",
  "returns",
  "onboarding",
  "b2b",
  "mobile",
];
export const CORPUS_LANGUAGES = ["en", "en", "en", "en", "en", "en", "de", "fr", "es", "pt-BR"];

function intent(category: string, names: string, triggers: string, sentences: string): Intent {
  const split = (s: string) => s.split("|");
  return { category, names: split(names), triggers: split(triggers), sentences: split(sentences) };
}
