// Start DKFDS' components: above all the mobile menu drawer (open, close, focus trap).
window.DKFDS.init();
